/**
 * The write encoder against the SDK's own encoding: for every document, the BatchWriteRequest bytes we build must
 * equal protobufjs's encoding (the GAPIC stub's serializer) of what jsonToProto makes of the same document, and a bad
 * value must fail with the message jsonToProto gives.
 */
import { isEngineError } from '../../errors';
import type { DocumentJson, FirestoreValueJson } from '../../format/firestore-value-json';

import type { ProtoValue, ProtoWrite } from './proto-types';
import { mulberry32, randomKey, randomValue } from './testing/random-values';
import { openWireCodecs, type WireCodecs } from './testing/wire-codecs';
import { jsonFieldsToProto, protoToJson } from './value-proto';
import { encodeBatchWriteRequest } from './wire-writes';
import { fieldPathSegment, planDelete, planWrite, type WriteMode } from './write-plan';

const db = { projectId: 'demo-w', databaseId: 'restore-1' };
const database = `projects/${db.projectId}/databases/${db.databaseId}`;

let codec: WireCodecs;
beforeAll(async () => {
  codec = await openWireCodecs();
});
afterAll(() => codec.close());

/** The SDK path: proto objects from jsonToProto, encoded by protobufjs. */
function reference(doc: DocumentJson, mode: WriteMode): Buffer {
  const update = { name: `${database}/documents/${doc.name}`, fields: jsonFieldsToProto(doc.fields, doc.name) };
  const write: ProtoWrite =
    mode === 'merge' ? { update, updateMask: { fieldPaths: Object.keys(doc.fields).map(fieldPathSegment) } } : mode === 'skip-existing' ? { update, currentDocument: { exists: false } } : { update };
  return codec.encodeBatchWrite({ database, writes: [write] });
}

const ours = (docs: DocumentJson[], mode: WriteMode) => encodeBatchWriteRequest(database, docs.map((d) => planWrite(d, db, mode).write));

const everyType: Record<string, FirestoreValueJson> = {
  nul: { nullValue: null },
  t: { booleanValue: true },
  f: { booleanValue: false },
  i0: { integerValue: '0' },
  iNeg0: { integerValue: '-0' },
  iLead: { integerValue: '007' },
  i15: { integerValue: '-999999999999999' },
  iMax: { integerValue: '9223372036854775807' },
  iMin: { integerValue: '-9223372036854775808' },
  iNeg: { integerValue: '-1' },
  i2e32: { integerValue: '4294967296' },
  d: { doubleValue: 3 },
  dFrac: { doubleValue: -0.1 },
  dNeg0: { doubleValue: '-0' },
  dNaN: { doubleValue: 'NaN' },
  dInf: { doubleValue: 'Infinity' },
  dNegInf: { doubleValue: '-Infinity' },
  s: { stringValue: 'héllo "q" \\ \n 😀 \u2028' },
  sLong: { stringValue: 'ü'.repeat(300) },
  sEmpty: { stringValue: '' },
  b: { bytesValue: 'AAH+/w==' },
  bEmpty: { bytesValue: '' },
  ref: { referenceValue: 'projects/x/databases/(default)/documents/u/1' },
  geo: { geoPointValue: { latitude: -33.8688, longitude: 151.2093 } },
  ts: { timestampValue: '2023-11-14T22:13:20.123456Z' },
  tsOffset: { timestampValue: '2023-11-14T23:13:20+01:00' },
  tsMin: { timestampValue: '0001-01-01T00:00:00Z' },
  tsPre1970: { timestampValue: '1969-12-31T23:59:59.000001Z' },
  tsNs: { timestampValue: '1970-01-01T00:00:01.000000007Z' },
  arr: { arrayValue: { values: [{ integerValue: '1' }, { arrayValue: {} }, { mapValue: {} }] } },
  arrEmpty: { arrayValue: {} },
  map: { mapValue: { fields: { '10': { nullValue: null }, '2': { booleanValue: true }, 'a.b': { stringValue: 'x' } } } },
  mapEmpty: { mapValue: {} },
  vector: { mapValue: { fields: { __type__: { stringValue: '__vector__' }, value: { arrayValue: { values: [{ doubleValue: 1.5 }] } } } } },
  '': { stringValue: 'empty key' },
  'späce `tick`': { stringValue: 'odd key' },
};

describe('write encoding', () => {
  it.each<WriteMode>(['overwrite', 'merge', 'skip-existing'])('%s: every value type encodes byte for byte as the SDK encodes it', (mode) => {
    const doc = { name: 'users/u1/posts/p1', fields: everyType };
    expect(ours([doc], mode).equals(reference(doc, mode))).toBe(true);
    const empty = { name: 'e/1', fields: {} };
    expect(ours([empty], mode).equals(reference(empty, mode))).toBe(true);
  });

  it('agrees with the SDK on 300 random documents, and on several writes in one request', () => {
    const rand = mulberry32(11);
    const docs: DocumentJson[] = [];
    for (let i = 0; i < 300; i++) {
      const fields: Record<string, FirestoreValueJson> = {};
      const n = Math.floor(rand() * 8);
      for (let k = 0; k < n; k++) fields[randomKey(rand)] = protoToJson(randomValue(rand, 0) as ProtoValue);
      const doc = { name: `c${i}/d${i}`, fields };
      docs.push(doc);
      expect(ours([doc], 'overwrite').equals(reference(doc, 'overwrite'))).toBe(true);
    }
    const decoded = codec.decodeBatchWrite(ours(docs.slice(0, 50), 'merge'));
    expect(decoded.database).toBe(database);
    expect(decoded.writes.map((w) => w.update?.name)).toEqual(docs.slice(0, 50).map((d) => `${database}/documents/${d.name}`));
    expect(codec.decodeBatchWrite(encodeBatchWriteRequest(database, [planDelete('a/1', db).write])).writes[0]).toMatchObject({ delete: `${database}/documents/a/1` });
  });

  it('refuses a bad value with the message jsonToProto gives, naming the document and the field', () => {
    const bad: Array<Record<string, unknown>> = [
      { integerValue: '1.5' },
      { integerValue: 12 },
      { integerValue: '9223372036854775808' },
      { integerValue: '-9223372036854775809' },
      { doubleValue: 'nan' },
      { timestampValue: '2023-02-30T00:00:00Z' },
      { timestampValue: 'yesterday' },
      { timestampValue: '10000-01-01T00:00:00Z' },
      { bytesValue: 'not base64!' },
      { mystery: 1 },
    ];
    for (const value of bad) {
      const fields = { ok: { nullValue: null }, deep: { mapValue: { fields: { list: { arrayValue: { values: [{ nullValue: null }, value] } } } } } } as unknown as Record<string, FirestoreValueJson>;
      let expected: unknown;
      let actual: unknown;
      try {
        jsonFieldsToProto(fields, 'users/u1');
      } catch (err) {
        expected = err;
      }
      try {
        planWrite({ name: 'users/u1', fields }, db, 'overwrite');
      } catch (err) {
        actual = err;
      }
      expect(isEngineError(actual, 'invalid_argument')).toBe(true);
      expect((actual as Error).message).toBe((expected as Error).message);
      expect((actual as Error).message).toMatch(/^users\/u1\.deep\.list\[1\]: /);
    }
  });

  it('refuses a lone surrogate, in a value or a key, rather than changing it', () => {
    for (const fields of [{ s: { stringValue: 'a\ud800b' } }, { ['k\udc00']: { nullValue: null } }, { m: { mapValue: { fields: { r: { referenceValue: '\ud83d' } } } } }] as Array<Record<string, FirestoreValueJson>>) {
      expect(() => planWrite({ name: 'u/1', fields }, db, 'overwrite')).toThrow(/u\/1\..*: a string must be well-formed Unicode/);
    }
  });
});
