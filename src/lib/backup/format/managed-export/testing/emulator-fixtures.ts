/**
 * Documents written to the emulator before exporting it: every Firestore value type with its edge cases, and every
 * path shape (deep subcollections, missing parents, repeated ids, odd ids). Shared by the integration test and by the
 * generator of the golden export in `testdata/`.
 */
import type { FirestoreValueJson } from '../../firestore-value-json';
import type { SeedDocument } from './emulator-client';

const vector = (values: number[]): FirestoreValueJson => ({
  mapValue: {
    fields: {
      __type__: { stringValue: '__vector__' },
      value: { arrayValue: { values: values.map((d) => ({ doubleValue: d })) } },
    },
  },
});

const str = (s: string): FirestoreValueJson => ({ stringValue: s });
const map = (fields: Record<string, FirestoreValueJson>): FirestoreValueJson => ({ mapValue: { fields } });

/** One document per value family; `projectId` is needed for same-project references. */
export function valueDocuments(projectId: string): SeedDocument[] {
  const db = `projects/${projectId}/databases/(default)/documents`;
  return [
    {
      path: 'types/scalars',
      fields: {
        str: str('héllo wörld 🌍 日本'),
        bom: str('\uFEFFleading BOM'),
        emptyStr: str(''),
        intBig: { integerValue: '9007199254740993' },
        intMin: { integerValue: '-9223372036854775808' },
        intMax: { integerValue: '9223372036854775807' },
        intZero: { integerValue: '0' },
        yes: { booleanValue: true },
        no: { booleanValue: false },
        nothing: { nullValue: null },
        bytes: { bytesValue: 'AAEC/w==' },
        emptyBytes: { bytesValue: '' },
        geo: { geoPointValue: { latitude: 48.8584, longitude: -2.2945 } },
        geoZero: { geoPointValue: { latitude: 0, longitude: 0 } },
      },
    },
    {
      path: 'types/doubles',
      fields: {
        nan: { doubleValue: 'NaN' },
        inf: { doubleValue: 'Infinity' },
        negInf: { doubleValue: '-Infinity' },
        oneHalf: { doubleValue: 1.5 },
        zero: { doubleValue: 0 },
        tiny: { doubleValue: 5e-324 },
        huge: { doubleValue: 1.7976931348623157e308 },
        third: { doubleValue: 1 / 3 },
      },
    },
    {
      path: 'types/timestamps',
      fields: {
        nanos: { timestampValue: '2020-01-01T00:00:00.123456789Z' },
        micros: { timestampValue: '2021-06-15T12:34:56.000001Z' },
        millis: { timestampValue: '2020-01-01T00:00:00.100Z' },
        whole: { timestampValue: '2020-01-01T00:00:00Z' },
        preEpoch: { timestampValue: '1969-12-31T23:59:59.5Z' },
        offset: { timestampValue: '2020-01-01T01:00:00.25+01:00' },
        min: { timestampValue: '0001-01-01T00:00:00Z' },
        max: { timestampValue: '9999-12-31T23:59:59.999999Z' },
      },
    },
    {
      path: 'types/references',
      fields: {
        sameProject: { referenceValue: `${db}/users/u1` },
        deep: { referenceValue: `${db}/users/u1/events/e1` },
        numericId: { referenceValue: `${db}/users/__id42__` },
        otherDatabase: { referenceValue: 'projects/demo-elsewhere/databases/other-db/documents/a/b/c/d' },
      },
    },
    {
      path: 'types/arrays',
      fields: {
        mixed: {
          arrayValue: {
            values: [
              { integerValue: '1' },
              str('two'),
              { nullValue: null },
              { mapValue: {} },
              {
                mapValue: {
                  fields: { inner: { arrayValue: { values: [{ integerValue: '3' }] } }, none: { arrayValue: {} } },
                },
              },
              { timestampValue: '2020-01-01T00:00:00.5Z' },
              { bytesValue: 'AQI=' },
            ],
          },
        },
        single: { arrayValue: { values: [{ doubleValue: 2.5 }] } },
        empty: { arrayValue: {} },
        onlyNull: { arrayValue: { values: [{ nullValue: null }] } },
      },
    },
    {
      path: 'types/maps',
      fields: {
        level1: map({ level2: map({ level3: map({ leaf: str('deep') }) }) }),
        empty: { mapValue: {} },
        odd: { mapValue: { fields: { 'a.b': { integerValue: '1' }, '`q`': str('x'), ü: { booleanValue: true } } } },
      },
    },
    {
      path: 'types/vectors',
      fields: {
        vec: vector([1, 2]),
        single: vector([-3.5]),
        nested: { mapValue: { fields: { embedding: vector([0.25, 0.5, 0.75]) } } },
      },
    },
  ];
}

/** Path shapes: 3-level subcollections, a parent that does not exist, repeated ids, odd ids. */
export function pathDocuments(): SeedDocument[] {
  const tag = (path: string): SeedDocument => ({ path, fields: { path: str(path) } });
  return [
    tag('level1/a'),
    tag('level1/a/level2/b'),
    tag('level1/a/level2/b/level3/c'),
    tag('ghosts/missing-parent/kids/k1'),
    tag('x/same'),
    tag('y/same'),
    tag('x/same/x/same'),
    tag('ids/123'),
    tag('ids/007'),
    tag('ids/-1'),
    tag('ids/__id77__'),
    tag('ids/hello world'),
    tag('ids/ü日本🌍'),
    tag('ids/%2F?#&='),
  ];
}

/** Enough small documents that the export spans many LevelDB blocks. */
export function bulkDocuments(count: number): SeedDocument[] {
  return Array.from({ length: count }, (_, n) => ({
    path: `bulk/d${n}`,
    fields: { n: { integerValue: String(n) }, pad: str('p'.repeat(n % 200)) },
  }));
}

/** Documents near Firestore's 1 MiB limit: each record spans ~30 blocks (FIRST, MIDDLE…, LAST). */
export function bigDocuments(count: number): SeedDocument[] {
  return Array.from({ length: count }, (_, n) => ({
    path: `big/b${n}`,
    fields: { n: { integerValue: String(n) }, blob: str(String.fromCharCode(97 + n).repeat(900_000)) },
  }));
}
