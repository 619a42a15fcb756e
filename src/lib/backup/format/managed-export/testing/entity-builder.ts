/**
 * Builds EntityProto bytes the way the Firestore emulator's export writes them (see `onestore.ts` for the field
 * numbers), so unit tests can cover every value type and every malformation without an emulator.
 */
import { Meaning } from '../entity-proto';
import { ProtoWriter } from './proto-writer';

/** `[collectionId, documentId]`; a bigint id is a numeric key id. */
export type PathPair = readonly [string, string | bigint];

export interface KeySpec {
  app?: string;
  path: readonly PathPair[];
  databaseId?: string;
  nameSpace?: string;
}

/** Writes the members of a PropertyValue. */
export type ValueSpec = (w: ProtoWriter) => void;

export interface PropertySpec {
  name: string;
  value: ValueSpec;
  meaning?: number;
  meaningUri?: string;
  multiple?: boolean;
  /** Written as `property` (14) instead of `raw_property` (15); the emulator does so for empty arrays. */
  indexed?: boolean;
}

/** PropertyValue builders. */
export const v = {
  null: (): ValueSpec => () => undefined,
  int: (n: bigint | number): ValueSpec => (w) => void w.varint(1, n),
  bool: (b: boolean): ValueSpec => (w) => void w.varint(2, b),
  str: (s: string): ValueSpec => (w) => void w.string(3, s),
  raw: (bytes: Uint8Array): ValueSpec => (w) => void w.bytes(3, bytes),
  double: (d: number): ValueSpec => (w) => void w.double(4, d),
  point: (x: number, y: number): ValueSpec => (w) => void w.group(5, (g) => g.double(6, x).double(7, y)),
  user: (): ValueSpec => (w) => void w.group(8, (g) => g.string(9, 'someone@example.com')),
  ref: (key: KeySpec): ValueSpec => (w) =>
    void w.group(12, (g) => {
      g.string(13, key.app ?? 'dev~demo-test');
      for (const [type, id] of key.path) {
        g.group(14, (e) => {
          e.string(15, type);
          if (typeof id === 'bigint') e.varint(16, id);
          else e.string(17, id);
        });
      }
      if (key.nameSpace !== undefined) g.string(20, key.nameSpace);
      if (key.databaseId !== undefined) g.string(23, key.databaseId);
    }),
};

/** Property builders for each Firestore type, as the emulator encodes them. */
export const p = {
  plain: (name: string, value: ValueSpec): PropertySpec => ({ name, value }),
  timestamp: (name: string, micros: bigint): PropertySpec => ({ name, value: v.int(micros), meaning: Meaning.GD_WHEN }),
  geo: (name: string, lat: number, lng: number): PropertySpec => ({
    name,
    value: v.point(lat, lng),
    meaning: Meaning.GEORSS_POINT,
  }),
  bytes: (name: string, data: Uint8Array): PropertySpec => ({ name, value: v.raw(data), meaning: Meaning.BLOB }),
  map: (name: string, props: readonly PropertySpec[], multiple = false): PropertySpec => ({
    name,
    value: v.raw(encodeEntity({ key: undefined, properties: props })),
    meaning: Meaning.ENTITY_PROTO,
    multiple,
  }),
  array: (name: string, values: readonly ValueSpec[]): PropertySpec[] =>
    values.map((value) => ({ name, value, multiple: true })),
  emptyArray: (name: string): PropertySpec => ({ name, value: v.null(), meaning: Meaning.EMPTY_LIST, indexed: true }),
  vector: (name: string, values: readonly number[]): PropertySpec[] =>
    values.map((d) => ({ name, value: v.double(d), meaning: Meaning.VECTOR, multiple: true })),
};

export interface EntitySpec {
  /** Undefined writes the empty key embedded maps carry. */
  key: KeySpec | undefined;
  properties: readonly PropertySpec[];
}

/** Serializes an EntityProto. */
export function encodeEntity(spec: EntitySpec): Uint8Array {
  const w = new ProtoWriter();
  w.bytes(13, encodeKey(spec.key));
  for (const prop of spec.properties) w.bytes(prop.indexed ? 14 : 15, encodeProperty(prop));
  w.bytes(16, new ProtoWriter());
  return w.finish();
}

/** Shorthand for a top-level document. */
export function encodeDocument(path: readonly PathPair[], properties: readonly PropertySpec[]): Uint8Array {
  return encodeEntity({ key: { path }, properties });
}

function encodeKey(key: KeySpec | undefined): ProtoWriter {
  const w = new ProtoWriter().string(13, key === undefined ? '' : (key.app ?? 'dev~demo-test'));
  const path = new ProtoWriter();
  for (const [type, id] of key?.path ?? []) {
    path.group(1, (e) => (typeof id === 'bigint' ? e.string(2, type).varint(3, id) : e.string(2, type).string(4, id)));
  }
  w.bytes(14, path);
  if (key?.nameSpace !== undefined) w.string(20, key.nameSpace);
  if (key?.databaseId !== undefined) w.string(23, key.databaseId);
  return w;
}

function encodeProperty(prop: PropertySpec): ProtoWriter {
  const w = new ProtoWriter();
  if (prop.meaning !== undefined) w.varint(1, prop.meaning);
  if (prop.meaningUri !== undefined) w.string(2, prop.meaningUri);
  w.string(3, prop.name).varint(4, prop.multiple ?? false);
  const value = new ProtoWriter();
  prop.value(value);
  return w.bytes(5, value);
}
