/**
 * The wire decoder against the SDK's own decoding: responses are serialized with the GAPIC stub's serializer (the
 * protos the client is generated from), then printed both ways — our decoder from the bytes, and the SDK path
 * (the stub's deserializer, `documentFromProto`, `documentToLine`) — and must agree byte for byte.
 */
import { isEngineError } from '../../errors';
import { documentToLine } from '../../format/document-line';

import { openConnection, type FirestoreConnection } from './gapic-connection';
import type { ProtoDocument, ProtoValue } from './proto-types';
import { documentFromProto } from './read-stream';
import { mulberry32, randomKey, randomValue } from './testing/random-values';
import { openWireCodecs, type WireCodecs } from './testing/wire-codecs';
import { decodeDocumentResponse } from './wire-lines';

let conn: FirestoreConnection;
let codec: WireCodecs;
const db = { projectId: 'demo-wire', databaseId: 'db-1' };
const prefix = `projects/${db.projectId}/databases/${db.databaseId}/documents/`;

beforeAll(async () => {
  // Nothing connects: `conn` only names the database for documentFromProto.
  conn = openConnection({ ...db, emulatorHost: '127.0.0.1:9' });
  codec = await openWireCodecs();
});

afterAll(async () => {
  await conn.close();
  await codec.close();
});

/** The SDK path's line for the same bytes. */
function sdkLine(bytes: Buffer): string | undefined {
  const res = codec.decode(bytes);
  return res.document ? documentToLine(documentFromProto(conn, res.document)) : undefined;
}

function both(bytes: Buffer): { ours: string | undefined; sdk: string | undefined } {
  return { ours: decodeDocumentResponse(bytes, prefix)?.line, sdk: sdkLine(bytes) };
}

const doc = (path: string, fields: Record<string, ProtoValue>, times = true): ProtoDocument => ({
  name: prefix + path,
  fields,
  ...(times ? { createTime: { seconds: '1700000000', nanos: 123456000 }, updateTime: { seconds: '1700000001', nanos: 0 } } : {}),
});

describe('decodeDocumentResponse', () => {
  it('prints every value type exactly as the SDK path does', () => {
    const fields: Record<string, ProtoValue> = {
      nul: { nullValue: 'NULL_VALUE' },
      t: { booleanValue: true },
      f: { booleanValue: false },
      i0: { integerValue: '0' },
      iMax: { integerValue: '9223372036854775807' },
      iMin: { integerValue: '-9223372036854775808' },
      iNeg: { integerValue: '-1' },
      i53: { integerValue: '9007199254740993' },
      iNeg53: { integerValue: '-9007199254740993' },
      iMid: { integerValue: '4294967296' },
      iNegSmall: { integerValue: '-9007199254740991' },
      d: { doubleValue: 3 },
      dFrac: { doubleValue: 0.1 },
      dTiny: { doubleValue: 5e-324 },
      dBig: { doubleValue: 1.7976931348623157e308 },
      dNeg0: { doubleValue: -0 },
      d0: { doubleValue: 0 },
      dNaN: { doubleValue: NaN },
      dInf: { doubleValue: Infinity },
      dNegInf: { doubleValue: -Infinity },
      s: { stringValue: 'héllo "quoted" \\ \n\t\u0000 \u2028 😀 \ud800' },
      sEmpty: { stringValue: '' },
      b: { bytesValue: Buffer.from([0, 1, 254, 255]) },
      bEmpty: { bytesValue: Buffer.alloc(0) },
      ref: { referenceValue: 'projects/other/databases/(default)/documents/users/u1' },
      geo: { geoPointValue: { latitude: -33.8688, longitude: 151.2093 } },
      geo0: { geoPointValue: { latitude: 0, longitude: 0 } },
      ts: { timestampValue: { seconds: '1700000000', nanos: 123456000 } },
      tsMs: { timestampValue: { seconds: '0', nanos: 500000000 } },
      tsMin: { timestampValue: { seconds: '-62135596800', nanos: 0 } },
      tsMax: { timestampValue: { seconds: '253402300799', nanos: 999999000 } },
      tsNs: { timestampValue: { seconds: '1', nanos: 7 } },
      tsPre1970: { timestampValue: { seconds: '-1', nanos: 1000 } },
      arr: { arrayValue: { values: [{ integerValue: '1' }, { stringValue: 'x' }, { arrayValue: { values: [] } }, { mapValue: { fields: {} } }] } },
      arrEmpty: { arrayValue: { values: [] } },
      map: { mapValue: { fields: { nested: { mapValue: { fields: { deep: { doubleValue: -0 } } } }, 'a.b': { nullValue: 'NULL_VALUE' } } } },
      mapEmpty: { mapValue: { fields: {} } },
      vector: { mapValue: { fields: { __type__: { stringValue: '__vector__' }, value: { arrayValue: { values: [{ doubleValue: 1.5 }, { doubleValue: -2 }] } } } } },
      '': { stringValue: 'empty key' },
      'späce ✓ "q"': { stringValue: 'odd key' },
    };
    const { ours, sdk } = both(codec.encode({ document: doc('users/u1', fields) }));
    expect(sdk).toBeDefined();
    expect(ours).toBe(sdk);
  });

  it('orders integer-like keys as JavaScript objects do, wherever they arrive on the wire', () => {
    const keys = ['b', '10', 'a', '2', '01', '4294967295', '4294967294', '0', '-1'];
    const entries = keys.map((k, i) => lengthDelimited(0x0a, Buffer.concat([lengthDelimited(0x0a, Buffer.from(k)), lengthDelimited(0x12, Buffer.from([0x10, i + 1]))])));
    // A map nested in a field, entries in this (non-JavaScript) order on the wire…
    const nested = lengthDelimited(0x12, Buffer.concat([lengthDelimited(0x0a, Buffer.from('m')), lengthDelimited(0x12, lengthDelimited(0x32, Buffer.concat(entries)))]));
    // …and the document's own fields in the same order (its entries are field 2 of Document).
    const top = entries.map((e) => Buffer.concat([Buffer.from([0x12]), e.subarray(1)]));
    const bytes = lengthDelimited(0x0a, Buffer.concat([lengthDelimited(0x0a, Buffer.from(`${prefix}k/1`)), ...top, nested]));
    const { ours, sdk } = both(bytes);
    expect(ours).toBe(sdk);
    expect(ours).toContain('{"0":{"integerValue":"8"},"2":{"integerValue":"4"},"10":{"integerValue":"2"},"4294967294":{"integerValue":"7"},"b":{"integerValue":"1"},"a":');
    // A response carrying two documents (never sent) keeps the last, as the SDK's protobufjs decoding does.
    const halves = ([{ b: { integerValue: '1' } }, { '2': { integerValue: '2' } }] as Array<Record<string, ProtoValue>>).map((fields) => codec.encode({ document: { name: `${prefix}k/2`, fields } }));
    expect(decodeDocumentResponse(Buffer.concat(halves), prefix)?.line).toBe(sdkLine(Buffer.concat(halves)));
  });

  it('agrees with the SDK path on 300 random documents of every value type, nested', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 300; i++) {
      const fields: Record<string, ProtoValue> = {};
      const n = Math.floor(rand() * 8);
      for (let k = 0; k < n; k++) fields[randomKey(rand)] = randomValue(rand, 0);
      const bytes = codec.encode({ document: doc(`c${i}/d${i}/sub/x${i}`, fields, rand() < 0.9) });
      const { ours, sdk } = both(bytes);
      expect(ours).toBe(sdk);
    }
  });

  it('returns the full name and the path relative to the database, and nothing for a response without a document', () => {
    const bytes = codec.encode({ document: doc('a/b/c/d', {}), readTime: { seconds: '5', nanos: 0 } });
    expect(decodeDocumentResponse(bytes, prefix)).toMatchObject({ fullName: `${prefix}a/b/c/d`, name: 'a/b/c/d' });
    expect(decodeDocumentResponse(bytes, prefix)?.line).toBe(sdkLine(bytes));
    expect(decodeDocumentResponse(codec.encode({ readTime: { seconds: '5', nanos: 0 } }), prefix)).toBeUndefined();
    expect(decodeDocumentResponse(codec.encode({ skippedResults: 3, done: true }), prefix)).toBeUndefined();
    // No fields and no times at all.
    const bare = codec.encode({ document: { name: `${prefix}x/y` } });
    expect(decodeDocumentResponse(bare, prefix)?.line).toBe(sdkLine(bare));
  });

  it('refuses damaged bytes, a document of another database and a value of unknown type, naming them', () => {
    const bytes = codec.encode({ document: doc('users/u1', { s: { stringValue: 'abcdef' }, n: { integerValue: '-5' } }) });
    for (let cut = 1; cut < bytes.length; cut++) {
      let outcome: unknown;
      try {
        outcome = decodeDocumentResponse(bytes.subarray(0, cut), prefix);
      } catch (err) {
        outcome = err;
      }
      // A cut between top-level fields is a shorter valid message; anything else must be refused, never misread.
      if (!isEngineError(outcome)) {
        expect(outcome === undefined || sdkLine(bytes.subarray(0, cut)) === (outcome as { line: string }).line).toBe(true);
      } else expect(outcome.code).toBe('internal');
    }
    expect(() => decodeDocumentResponse(codec.encode({ document: { name: 'projects/x/databases/(default)/documents/a/b' } }), prefix)).toThrow(/not in projects\/demo-wire\/databases\/db-1/);
    // A Value with only field 19 (a type newer than this decoder), nested in a map in an array.
    const unknown = Buffer.from([0x9a, 0x01, 0x01, 0x78]); // field 19, length-delimited, "x"
    const inner = lengthDelimited(0x0a, Buffer.concat([lengthDelimited(0x0a, Buffer.from('k')), lengthDelimited(0x12, unknown)])); // MapValue.fields entry
    const mapValue = lengthDelimited(0x32, inner); // Value.map_value
    const arrayValue = lengthDelimited(0x4a, lengthDelimited(0x0a, mapValue)); // Value.array_value with one value
    const entry = lengthDelimited(0x12, Buffer.concat([lengthDelimited(0x0a, Buffer.from('top')), lengthDelimited(0x12, arrayValue)]));
    const document = lengthDelimited(0x0a, Buffer.concat([lengthDelimited(0x0a, Buffer.from(`${prefix}u/1`)), entry]));
    expect(() => decodeDocumentResponse(document, prefix)).toThrow(`${prefix}u/1 fields.top[0].k: Firestore returned a value of unknown type (no known field set)`);
    expect(() => decodeDocumentResponse(Buffer.from([0x0a, 0x05, 0x0a]), prefix)).toThrow(/malformed Firestore response/);
    expect(() => decodeDocumentResponse(Buffer.from([0x0b]), prefix)).toThrow(/malformed Firestore response.*wire type 3/);
  });
});

function lengthDelimited(tag: number, body: Buffer): Buffer {
  const len: number[] = [];
  let n = body.length;
  while (n >= 0x80) {
    len.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  len.push(n);
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}
