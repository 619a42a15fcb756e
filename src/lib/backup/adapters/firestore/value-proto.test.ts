import { isEngineError } from '../../errors';
import type { FirestoreValueJson } from '../../format/firestore-value-json';

import type { ProtoValue } from './proto-types';
import { jsonFieldsToProto, jsonToProto, protoFieldsToJson, protoToJson } from './value-proto';

/** What protobufjs yields when the GAPIC client decodes (oneofs: true adds `valueType`; longs as strings). */
const decoded = <K extends keyof ProtoValue>(kind: K, value: ProtoValue[K]): ProtoValue => ({ [kind]: value, valueType: kind }) as ProtoValue;

describe('protoToJson', () => {
  it.each<[string, ProtoValue, FirestoreValueJson]>([
    ['null', decoded('nullValue', 'NULL_VALUE'), { nullValue: null }],
    ['false', decoded('booleanValue', false), { booleanValue: false }],
    ['int64 max', decoded('integerValue', '9223372036854775807'), { integerValue: '9223372036854775807' }],
    ['int64 min', decoded('integerValue', '-9223372036854775808'), { integerValue: '-9223372036854775808' }],
    ['integral double stays a double', decoded('doubleValue', 3), { doubleValue: 3 }],
    ['-0', decoded('doubleValue', -0), { doubleValue: '-0' }],
    ['NaN', decoded('doubleValue', NaN), { doubleValue: 'NaN' }],
    ['+Infinity', decoded('doubleValue', Infinity), { doubleValue: 'Infinity' }],
    ['-Infinity', decoded('doubleValue', -Infinity), { doubleValue: '-Infinity' }],
    ['empty string', decoded('stringValue', ''), { stringValue: '' }],
    ['bytes', decoded('bytesValue', Buffer.from([0, 255, 1])), { bytesValue: 'AP8B' }],
    ['empty bytes', decoded('bytesValue', Buffer.alloc(0)), { bytesValue: '' }],
    ['reference', decoded('referenceValue', 'projects/p/databases/d/documents/a/b'), { referenceValue: 'projects/p/databases/d/documents/a/b' }],
    ['geo point', decoded('geoPointValue', { latitude: -33.5, longitude: 151 }), { geoPointValue: { latitude: -33.5, longitude: 151 } }],
    ['timestamp µs', decoded('timestampValue', { seconds: '1700000000', nanos: 123456000 }), { timestampValue: '2023-11-14T22:13:20.123456Z' }],
    ['timestamp ms', decoded('timestampValue', { seconds: '0', nanos: 500_000_000 }), { timestampValue: '1970-01-01T00:00:00.500Z' }],
    ['timestamp whole', decoded('timestampValue', { seconds: '-62135596800', nanos: 0 }), { timestampValue: '0001-01-01T00:00:00Z' }],
    ['timestamp ns kept', decoded('timestampValue', { seconds: '1', nanos: 7 }), { timestampValue: '1970-01-01T00:00:01.000000007Z' }],
    ['empty array', decoded('arrayValue', { values: [] }), { arrayValue: {} }],
    ['empty map', decoded('mapValue', { fields: {} }), { mapValue: {} }],
  ])('%s', (_label, proto, json) => {
    expect(protoToJson(proto)).toEqual(json);
  });

  it('keeps nesting at any depth, including vectors', () => {
    const vector = decoded('mapValue', {
      fields: {
        __type__: decoded('stringValue', '__vector__'),
        value: decoded('arrayValue', { values: [decoded('doubleValue', 1), decoded('doubleValue', -0.5)] }),
      },
    });
    const deep = decoded('arrayValue', { values: [decoded('mapValue', { fields: { v: vector, a: decoded('arrayValue', { values: [] }) } })] });
    expect(protoFieldsToJson({ deep })).toEqual({
      deep: {
        arrayValue: {
          values: [
            {
              mapValue: {
                fields: {
                  v: { mapValue: { fields: { __type__: { stringValue: '__vector__' }, value: { arrayValue: { values: [{ doubleValue: 1 }, { doubleValue: -0.5 }] } } } } },
                  a: { arrayValue: {} },
                },
              },
            },
          ],
        },
      },
    });
  });

  it('reads values without the oneof tag (hand-built protos)', () => {
    expect(protoToJson({ integerValue: 5 })).toEqual({ integerValue: '5' });
  });

  it('fails loudly on a value with no type, naming the field', () => {
    expect(() => protoFieldsToJson({ f: {} })).toThrow(/fields\.f: Firestore returned a value of unknown type/);
    const deep = { m: { mapValue: { fields: { list: { arrayValue: { values: [{ integerValue: 1 }, {}] } } } } } } as never;
    expect(() => protoFieldsToJson(deep)).toThrow(/^fields\.m\.list\[1\]: Firestore returned a value of unknown type/);
    expect(() => protoToJson({ arrayValue: { values: [{}] } }, 'doc.x')).toThrow(/^doc\.x\[0\]: /);
  });
});

describe('jsonToProto', () => {
  it('decodes the string forms of doubles to the exact number', () => {
    expect(Object.is(jsonToProto({ doubleValue: '-0' }).doubleValue, -0)).toBe(true);
    expect(Number.isNaN(jsonToProto({ doubleValue: 'NaN' }).doubleValue)).toBe(true);
    expect(jsonToProto({ doubleValue: '-Infinity' }).doubleValue).toBe(-Infinity);
    expect(jsonToProto({ doubleValue: 3 })).toEqual({ doubleValue: 3 });
  });

  it('parses timestamps with any precision and offset', () => {
    expect(jsonToProto({ timestampValue: '2023-11-14T22:13:20.123456Z' })).toEqual({ timestampValue: { seconds: '1700000000', nanos: 123456000 } });
    expect(jsonToProto({ timestampValue: '2023-11-15T00:13:20.1+02:00' })).toEqual({ timestampValue: { seconds: '1700000000', nanos: 100000000 } });
    expect(jsonToProto({ timestampValue: '0001-01-01T00:00:00Z' })).toEqual({ timestampValue: { seconds: '-62135596800', nanos: 0 } });
    expect(jsonToProto({ timestampValue: '1970-01-01T00:00:00.123456789Z' })).toEqual({ timestampValue: { seconds: '0', nanos: 123456789 } });
  });

  it('writes empty containers as empty protos', () => {
    expect(jsonToProto({ mapValue: {} })).toEqual({ mapValue: { fields: {} } });
    expect(jsonToProto({ arrayValue: {} })).toEqual({ arrayValue: { values: [] } });
  });

  it.each<[string, FirestoreValueJson, RegExp]>([
    ['integer out of range', { integerValue: '9223372036854775808' }, /outside the 64-bit range/],
    ['integer not decimal', { integerValue: '1e3' }, /decimal string/],
    ['bad double string', { doubleValue: 'nan' as never }, /doubleValue must be/],
    ['bad base64', { bytesValue: 'a*b=' }, /base64/],
    ['bad timestamp', { timestampValue: '2023-02-30T00:00:00Z' }, /not a valid date/],
    ['timestamp without zone', { timestampValue: '2023-01-01T00:00:00' }, /RFC 3339/],
    ['unknown type', { fooValue: 1 } as never, /not a Firestore value/],
  ])('refuses %s with invalid_argument naming the field', (_label, json, message) => {
    let caught: unknown;
    try {
      jsonFieldsToProto({ m: { mapValue: { fields: { x: json } } } });
    } catch (err) {
      caught = err;
    }
    expect(isEngineError(caught, 'invalid_argument')).toBe(true);
    expect((caught as Error).message).toMatch(/^fields\.m\.x: /);
    expect((caught as Error).message).toMatch(message);
  });
});

describe('round trip JSON → proto → JSON', () => {
  it('is the identity on canonical values', () => {
    const fields: Record<string, FirestoreValueJson> = {
      s: { stringValue: 'é🙂\u0000' },
      i: { integerValue: '-9223372036854775808' },
      big: { integerValue: '9007199254740993' },
      d3: { doubleValue: 3 },
      dz: { doubleValue: '-0' },
      dn: { doubleValue: 'NaN' },
      tiny: { doubleValue: 5e-324 },
      b: { booleanValue: true },
      n: { nullValue: null },
      t: { timestampValue: '9999-12-31T23:59:59.999999Z' },
      g: { geoPointValue: { latitude: 90, longitude: -180 } },
      y: { bytesValue: 'AAEC/w==' },
      r: { referenceValue: 'projects/p/databases/(default)/documents/c/d' },
      a: { arrayValue: { values: [{ arrayValue: {} }, { mapValue: {} }, { integerValue: '0' }] } },
      m: { mapValue: { fields: { 'a.b': { mapValue: { fields: { '`': { stringValue: 'x' } } } } } } },
    };
    // Decode through the oneof-tag path too, as the GAPIC client would hand it back.
    const tag = (v: ProtoValue): ProtoValue => {
      const kind = Object.keys(v)[0] as keyof ProtoValue;
      if (kind === 'arrayValue') return { arrayValue: { values: (v.arrayValue?.values ?? []).map(tag) }, valueType: kind } as ProtoValue;
      if (kind === 'mapValue') {
        const f = Object.fromEntries(Object.entries(v.mapValue?.fields ?? {}).map(([k, x]) => [k, tag(x)]));
        return { mapValue: { fields: f }, valueType: kind } as ProtoValue;
      }
      return { ...v, valueType: kind } as ProtoValue;
    };
    const proto = Object.fromEntries(Object.entries(jsonFieldsToProto(fields)).map(([k, v]) => [k, tag(v)]));
    expect(protoFieldsToJson(proto)).toEqual(fields);
  });
});
