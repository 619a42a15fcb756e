/**
 * Wire-level decoding of the legacy App Engine `EntityProto` (storage/onestore/v3/entity.proto) that every record of
 * a managed export holds. This file knows field numbers only; what the values mean for Firestore is decided in
 * `entity-proto.ts`.
 *
 * Field numbers, as observed in emulator exports and matching the published proto:
 * - EntityProto: key 13 (Reference), property 14, raw_property 15, entity_group 16 (ignored).
 * - Reference (a message): app 13, path 14 (Path: repeated group Element 1 { type 2, id 3, name 4 }),
 *   name_space 20, database_id 23.
 * - Property: meaning 1, meaning_uri 2, name 3, multiple 4, value 5 (PropertyValue).
 * - PropertyValue: int64 1, boolean 2, string 3, double 4, group Point 5 { x 6, y 7 }, group User 8,
 *   group Reference 12 { app 13, group PathElement 14 { type 15, id 16, name 17 }, name_space 20, database_id 23 }.
 */
import { ManagedExportError } from './errors';
import { ProtoReader, type Tag } from './proto-wire';

/** One step of a key path: `type` is the collection id, then exactly one of `name` (document id) or numeric `id`. */
export interface RawPathElement {
  type: string;
  id?: bigint;
  name?: string;
}

/** A key, as stored for documents and for reference values. Empty strings mean "absent". */
export interface RawKey {
  app: string;
  nameSpace: string;
  databaseId: string;
  path: RawPathElement[];
}

/** Exactly one member of a PropertyValue, or none (`null`). */
export type RawValue =
  | { kind: 'null' }
  | { kind: 'int64'; value: bigint }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'string'; value: Uint8Array }
  | { kind: 'double'; value: number }
  | { kind: 'point'; x: number; y: number }
  | { kind: 'user' }
  | { kind: 'reference'; value: RawKey };

export interface RawProperty {
  /** 0 when absent. */
  meaning: number;
  meaningUri: string;
  name: string;
  multiple: boolean;
  value: RawValue;
}

export interface RawEntity {
  key: RawKey | undefined;
  /** `property` and `raw_property` entries interleaved in wire order (the split is about indexing, not data). */
  properties: RawProperty[];
}

/** Decodes one serialized EntityProto. Throws `ManagedExportError` `CORRUPT` on malformed bytes. */
export function decodeEntity(bytes: Uint8Array): RawEntity {
  const entity: RawEntity = { key: undefined, properties: [] };
  new ProtoReader(bytes).forEachField((tag, r) => {
    switch (tag.field) {
      case 13:
        entity.key = decodeKey(r.message(tag));
        return;
      case 14:
      case 15:
        entity.properties.push(decodeProperty(r.message(tag)));
        return;
      default:
        r.skip(tag);
    }
  });
  return entity;
}

function emptyKey(): RawKey {
  return { app: '', nameSpace: '', databaseId: '', path: [] };
}

function decodeKey(reader: ProtoReader): RawKey {
  const key = emptyKey();
  reader.forEachField((tag, r) => {
    switch (tag.field) {
      case 13:
        key.app = r.string(tag);
        return;
      case 14:
        r.message(tag).forEachField((t, pr) => {
          if (t.field === 1) key.path.push(decodePathElement(t, pr, { type: 2, id: 3, name: 4 }));
          else pr.skip(t);
        });
        return;
      case 20:
        key.nameSpace = r.string(tag);
        return;
      case 23:
        key.databaseId = r.string(tag);
        return;
      default:
        r.skip(tag);
    }
  });
  return key;
}

/** Path elements are groups in both encodings of a key; only the field numbers differ. */
function decodePathElement(
  tag: Tag,
  reader: ProtoReader,
  fields: { type: number; id: number; name: number },
): RawPathElement {
  let type: string | undefined;
  const element: Omit<RawPathElement, 'type'> = {};
  reader.group(tag, (t, r) => {
    if (t.field === fields.type) type = r.string(t);
    else if (t.field === fields.id) element.id = r.int64(t);
    else if (t.field === fields.name) element.name = r.string(t);
    else r.skip(t);
  });
  if (type === undefined) throw corrupt(`key path element at message byte ${tag.offset} has no kind`);
  return { type, ...element };
}

function decodeProperty(reader: ProtoReader): RawProperty {
  let name: string | undefined;
  let value: RawValue | undefined;
  const property: Omit<RawProperty, 'name' | 'value'> = { meaning: 0, meaningUri: '', multiple: false };
  reader.forEachField((tag, r) => {
    switch (tag.field) {
      case 1:
        property.meaning = r.uint(tag);
        return;
      case 2:
        property.meaningUri = r.string(tag);
        return;
      case 3:
        name = r.string(tag);
        return;
      case 4:
        property.multiple = r.bool(tag);
        return;
      case 5:
        value = decodeValue(r.message(tag));
        return;
      default:
        r.skip(tag);
    }
  });
  if (name === undefined) throw corrupt('property without a name');
  if (value === undefined) throw corrupt(`property ${JSON.stringify(name)} has no value`);
  return { name, value, ...property };
}

function decodeValue(reader: ProtoReader): RawValue {
  const found: RawValue[] = [];
  reader.forEachField((tag, r) => {
    switch (tag.field) {
      case 1:
        found.push({ kind: 'int64', value: r.int64(tag) });
        return;
      case 2:
        found.push({ kind: 'boolean', value: r.bool(tag) });
        return;
      case 3:
        found.push({ kind: 'string', value: r.bytes(tag) });
        return;
      case 4:
        found.push({ kind: 'double', value: r.double(tag) });
        return;
      case 5:
        found.push(decodePoint(tag, r));
        return;
      case 8:
        r.skip(tag);
        found.push({ kind: 'user' });
        return;
      case 12:
        found.push({ kind: 'reference', value: decodeReferenceValue(tag, r) });
        return;
      default:
        r.skip(tag);
    }
  });
  if (found.length > 1) {
    throw corrupt(`property value sets ${found.length} members: ${found.map((v) => v.kind).join(', ')}`);
  }
  return found[0] ?? { kind: 'null' };
}

function decodePoint(tag: Tag, reader: ProtoReader): RawValue {
  let x: number | undefined;
  let y: number | undefined;
  reader.group(tag, (t, r) => {
    if (t.field === 6) x = r.double(t);
    else if (t.field === 7) y = r.double(t);
    else r.skip(t);
  });
  if (x === undefined || y === undefined) throw corrupt('point value without x or y');
  return { kind: 'point', x, y };
}

function decodeReferenceValue(tag: Tag, reader: ProtoReader): RawKey {
  const key = emptyKey();
  reader.group(tag, (t, r) => {
    switch (t.field) {
      case 13:
        key.app = r.string(t);
        return;
      case 14:
        key.path.push(decodePathElement(t, r, { type: 15, id: 16, name: 17 }));
        return;
      case 20:
        key.nameSpace = r.string(t);
        return;
      case 23:
        key.databaseId = r.string(t);
        return;
      default:
        r.skip(t);
    }
  });
  return key;
}

function corrupt(reason: string): ManagedExportError {
  return new ManagedExportError('CORRUPT', reason);
}
