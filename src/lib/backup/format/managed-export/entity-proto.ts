/**
 * EntityProto → {@link DocumentJson}: how Firestore maps its values onto the legacy Datastore entity model in a
 * managed export. Each rule below was confirmed against bytes written by the Cloud Firestore emulator's export:
 *
 * | Firestore value | property encoding |
 * |---|---|
 * | null | empty PropertyValue, meaning 0 |
 * | boolean / integer / double / string | booleanValue / int64Value / doubleValue / stringValue, meaning 0 |
 * | timestamp | int64Value in microseconds since the epoch, meaning GD_WHEN (7) |
 * | geo point | PointValue { x: latitude, y: longitude }, meaning GEORSS_POINT (9) |
 * | bytes | stringValue, meaning BLOB (14) |
 * | reference | ReferenceValue (app `dev~p`/`s~p`, path, database_id only for named databases) |
 * | map | stringValue holding a serialized EntityProto (its key is empty), meaning ENTITY_PROTO (19) |
 * | array | one property per element, all with multiple = true, in order |
 * | empty array | a single property, empty value, meaning EMPTY_LIST (24), multiple = false |
 * | vector | one doubleValue property per component, meaning VECTOR (31), multiple = true |
 *
 * Also accepted, though the emulator never wrote them: BYTESTRING (16) as bytes, TEXT (15) as a string and a
 * PointValue without meaning as a geo point — legacy Datastore spellings of the same types, which nothing else could
 * mean. Anything else (UserValue, other legacy meanings, meaning_uri such as ZLIB compression, the MongoDB-compatible
 * meanings 32–39 of Firestore Enterprise) is reported as `UNSUPPORTED` rather than guessed at.
 */
import type { DocumentJson, FirestoreValueJson } from '../firestore-value-json';
import { ManagedExportError, withLocation } from './errors';
import { decodeEntity, type RawEntity, type RawProperty, type RawValue } from './onestore';
import {
  decodeUtf8,
  documentPath,
  encodeBase64,
  encodeDouble,
  formatTimestampMicros,
  referenceName,
} from './value-format';

/** Property meanings (storage/onestore/v3 `Property.Meaning`) that Firestore uses. */
export const Meaning = {
  NONE: 0,
  GD_WHEN: 7,
  GEORSS_POINT: 9,
  BLOB: 14,
  TEXT: 15,
  BYTESTRING: 16,
  ENTITY_PROTO: 19,
  EMPTY_LIST: 24,
  VECTOR: 31,
} as const;

export interface EntityDecodeOptions {
  /**
   * Project id (of the exported database) for reference values whose key carries no app id. The emulator always
   * writes the app id, so without this option such a key is an error rather than a guess.
   */
  projectId?: string;
}

/** Firestore limits maps to 20 levels (https://firebase.google.com/docs/firestore/quotas); hostile input may not. */
const MAX_DEPTH = 100;

interface Context {
  options: EntityDecodeOptions;
  depth: number;
}

/** Decodes one export record into a document. Throws `ManagedExportError` naming the document and field at fault. */
export function entityToDocument(bytes: Uint8Array, options: EntityDecodeOptions = {}): DocumentJson {
  const entity = decodeEntity(bytes);
  const name = documentName(entity);
  try {
    return { name, fields: propertiesToFields(entity.properties, '', { options, depth: 0 }) };
  } catch (err) {
    throw withLocation(err, { document: name });
  }
}

function documentName(entity: RawEntity): string {
  const key = entity.key;
  if (key === undefined) throw new ManagedExportError('CORRUPT', 'entity without a key');
  if (key.nameSpace !== '') {
    throw new ManagedExportError('UNSUPPORTED', `entity in Datastore namespace ${JSON.stringify(key.nameSpace)}`);
  }
  return documentPath(key.path);
}

/**
 * Turns properties into fields. The common shape is decoded in one pass: each name once, either one plain property or
 * one run of array elements. A name that comes back later (never written by Firestore) goes through
 * {@link groupedFields}, which groups first and so reports the exact problem.
 */
function propertiesToFields(
  properties: readonly RawProperty[],
  prefix: string,
  ctx: Context,
): Record<string, FirestoreValueJson> {
  const out: Record<string, FirestoreValueJson> = {};
  for (let i = 0; i < properties.length; ) {
    const first = properties[i] as RawProperty;
    const name = first.name;
    let end = i + 1;
    if (first.multiple) while (end < properties.length && (properties[end] as RawProperty).name === name) end++;
    if (Object.hasOwn(out, name)) return groupedFields(properties, prefix, ctx);
    const field = prefix === '' ? name : `${prefix}.${name}`;
    try {
      setField(out, name, end === i + 1 && !first.multiple ? singleValue(first, field, ctx) : groupToValue(properties.slice(i, end), field, ctx));
    } catch (err) {
      throw withLocation(err, { field });
    }
    i = end;
  }
  return out;
}

/** Assigns as an own data property: a field named `__proto__` must not set the prototype. */
function setField(out: Record<string, FirestoreValueJson>, name: string, value: FirestoreValueJson): void {
  if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}

/** Groups properties by name (first-appearance order) and turns each group into one field. */
function groupedFields(
  properties: readonly RawProperty[],
  prefix: string,
  ctx: Context,
): Record<string, FirestoreValueJson> {
  const groups = new Map<string, RawProperty[]>();
  for (const p of properties) {
    const group = groups.get(p.name);
    if (group) group.push(p);
    else groups.set(p.name, [p]);
  }
  // fromEntries defines own properties, so a field named like an Object.prototype member stays plain data.
  return Object.fromEntries(
    [...groups].map(([name, group]) => {
      const field = prefix === '' ? name : `${prefix}.${name}`;
      try {
        return [name, groupToValue(group, field, ctx)] as const;
      } catch (err) {
        throw withLocation(err, { field });
      }
    }),
  );
}

function groupToValue(group: readonly RawProperty[], field: string, ctx: Context): FirestoreValueJson {
  const [first, ...rest] = group as [RawProperty, ...RawProperty[]];
  if (!first.multiple) {
    if (rest.length > 0) throw corrupt(`${group.length} values for a field that is not an array`);
    return singleValue(first, field, ctx);
  }
  if (rest.some((p) => !p.multiple)) throw corrupt('array elements mixed with a non-array value');
  const vectorCount = group.filter((p) => p.meaning === Meaning.VECTOR).length;
  if (vectorCount === group.length) return vectorValue(group);
  if (vectorCount > 0) throw corrupt('vector components mixed with array elements');
  return { arrayValue: { values: group.map((p, i) => singleValue(p, `${field}[${i}]`, ctx)) } };
}

function vectorValue(group: readonly RawProperty[]): FirestoreValueJson {
  const values = group.map((p): FirestoreValueJson => {
    if (p.value.kind !== 'double') throw corrupt(`vector component of kind ${p.value.kind}`);
    return { doubleValue: encodeDouble(p.value.value) };
  });
  return {
    mapValue: {
      fields: { __type__: { stringValue: '__vector__' }, value: { arrayValue: { values } } },
    },
  };
}

function singleValue(p: RawProperty, field: string, ctx: Context): FirestoreValueJson {
  if (p.meaningUri !== '') throw unsupported(`meaning_uri ${JSON.stringify(p.meaningUri)}`);
  const v = p.value;
  switch (p.meaning) {
    case Meaning.NONE:
      return plainValue(v, ctx);
    case Meaning.GD_WHEN:
      if (v.kind !== 'int64') throw mismatch(p);
      return { timestampValue: formatTimestampMicros(v.value) };
    case Meaning.GEORSS_POINT:
      if (v.kind !== 'point') throw mismatch(p);
      return { geoPointValue: { latitude: v.x, longitude: v.y } };
    case Meaning.BLOB:
    case Meaning.BYTESTRING:
      if (v.kind !== 'string') throw mismatch(p);
      return { bytesValue: encodeBase64(v.value) };
    case Meaning.TEXT:
      if (v.kind !== 'string') throw mismatch(p);
      return { stringValue: decodeUtf8(v.value) };
    case Meaning.ENTITY_PROTO:
      if (v.kind !== 'string') throw mismatch(p);
      return mapValue(v.value, field, ctx);
    case Meaning.EMPTY_LIST:
      if (v.kind !== 'null' || p.multiple) throw mismatch(p);
      return { arrayValue: {} };
    default:
      throw unsupported(`property meaning ${p.meaning}`);
  }
}

function plainValue(v: RawValue, ctx: Context): FirestoreValueJson {
  switch (v.kind) {
    case 'null':
      return { nullValue: null };
    case 'boolean':
      return { booleanValue: v.value };
    case 'int64':
      return { integerValue: v.value.toString() };
    case 'double':
      return { doubleValue: encodeDouble(v.value) };
    case 'string':
      return { stringValue: decodeUtf8(v.value) };
    case 'point':
      // Firestore's only point type; older writers may omit the GEORSS_POINT meaning.
      return { geoPointValue: { latitude: v.x, longitude: v.y } };
    case 'reference':
      return { referenceValue: referenceName(v.value, ctx.options.projectId) };
    case 'user':
      throw unsupported('App Engine UserValue');
    default:
      return assertNever(v);
  }
}

function mapValue(bytes: Uint8Array, field: string, ctx: Context): FirestoreValueJson {
  if (ctx.depth >= MAX_DEPTH) throw corrupt(`maps nested deeper than ${MAX_DEPTH} levels`);
  let nested: RawEntity;
  try {
    nested = decodeEntity(bytes);
  } catch (err) {
    throw withLocation(err, { field });
  }
  const fields = propertiesToFields(nested.properties, field, { ...ctx, depth: ctx.depth + 1 });
  // The REST API omits `fields` for an empty map; doing the same keeps the two comparable.
  return Object.keys(fields).length === 0 ? { mapValue: {} } : { mapValue: { fields } };
}

function mismatch(p: RawProperty): ManagedExportError {
  return corrupt(`meaning ${p.meaning} with a ${p.value.kind} value${p.multiple ? ' in an array' : ''}`);
}

function corrupt(reason: string): ManagedExportError {
  return new ManagedExportError('CORRUPT', reason);
}

function unsupported(reason: string): ManagedExportError {
  return new ManagedExportError('UNSUPPORTED', reason);
}

function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
