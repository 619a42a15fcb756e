/**
 * Documents covering every Firestore value type and tricky paths, and a second read path (the emulator's REST API)
 * for integration tests of the document store.
 */
import type { DocumentJson, FirestoreValueJson } from '../../../format/firestore-value-json';

/** Every value type, the edge cases of each, nested containers (Firestore refuses an array or a vector directly inside an array) and a vector. References point into `projectId`. */
export function everyTypeFields(projectId: string, databaseId: string): Record<string, FirestoreValueJson> {
  const vector: FirestoreValueJson = {
    mapValue: { fields: { __type__: { stringValue: '__vector__' }, value: { arrayValue: { values: [{ doubleValue: 1 }, { doubleValue: -2.5 }, { doubleValue: 0.1 }] } } } },
  };
  return {
    str: { stringValue: 'héllo 🙂 \n "quoted"' },
    emptyStr: { stringValue: '' },
    int: { integerValue: '42' },
    intMax: { integerValue: '9223372036854775807' },
    intMin: { integerValue: '-9223372036854775808' },
    intBeyond53: { integerValue: '9007199254740993' },
    dbl: { doubleValue: 1.5 },
    dblIntegral: { doubleValue: 3 },
    dblNegZero: { doubleValue: '-0' },
    dblNaN: { doubleValue: 'NaN' },
    dblInf: { doubleValue: 'Infinity' },
    dblNegInf: { doubleValue: '-Infinity' },
    dblTiny: { doubleValue: 5e-324 },
    dblMax: { doubleValue: 1.7976931348623157e308 },
    boolT: { booleanValue: true },
    boolF: { booleanValue: false },
    nul: { nullValue: null },
    tsMicros: { timestampValue: '2024-02-29T12:34:56.123456Z' },
    tsMillis: { timestampValue: '1969-12-31T23:59:59.500Z' },
    tsWhole: { timestampValue: '0001-01-01T00:00:00Z' },
    tsMax: { timestampValue: '9999-12-31T23:59:59.999999Z' },
    geo: { geoPointValue: { latitude: -33.8688, longitude: 151.2093 } },
    bytes: { bytesValue: 'AAECA/7/' },
    emptyBytes: { bytesValue: '' },
    ref: { referenceValue: `projects/${projectId}/databases/${databaseId}/documents/users/u1/posts/p1` },
    refOther: { referenceValue: `projects/${projectId}/databases/other-db/documents/a/b` },
    emptyArr: { arrayValue: {} },
    emptyMap: { mapValue: {} },
    arr: { arrayValue: { values: [{ integerValue: '1' }, { doubleValue: 1 }, { stringValue: '1' }, { nullValue: null }, { mapValue: {} }] } },
    'odd.field name`': { stringValue: 'field names with dots, spaces and backticks' },
    vec: vector,
    deep: {
      mapValue: {
        fields: {
          l1: { mapValue: { fields: { l2: { arrayValue: { values: [{ mapValue: { fields: { l3: { mapValue: { fields: { l4: { mapValue: { fields: { vec: vector, zero: { doubleValue: '-0' } } } } } } } } } }] } } } } },
        },
      },
    },
  };
}

/** Paths that stress the all-descendants read: same ids in different collections, missing parents, deep nesting. */
export function trickyPaths(): string[] {
  return [
    'users/u1',
    'users/u1/posts/p1',
    'users/u1/posts/p1/comments/c1',
    'users/u1/posts/p1/comments/c1/likes/l1',
    'posts/p1',
    'comments/c1',
    'orphans/missing-parent/children/kid',
    'orphans/missing-parent/children/kid/toys/t1',
    'a/__id7__',
    'a/\u00e9t\u00e9',
    'a/z',
    'aa/x',
    'a\u00ff/x',
  ];
}

/** Fetches a document through the emulator's REST API (same Value-JSON encoding), or undefined when missing. */
export async function restGetDocument(host: string, projectId: string, databaseId: string, path: string): Promise<DocumentJson | undefined> {
  const url = `http://${host}/v1/projects/${projectId}/databases/${encodeURIComponent(databaseId)}/documents/${path.split('/').map(encodeURIComponent).join('/')}`;
  const res = await fetch(url, { headers: { Authorization: 'Bearer owner' } });
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`REST GET ${url} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { name: string; fields?: Record<string, FirestoreValueJson>; createTime: string; updateTime: string };
  const prefix = `projects/${projectId}/databases/${databaseId}/documents/`;
  return { name: body.name.slice(prefix.length), createTime: body.createTime, updateTime: body.updateTime, fields: body.fields ?? {} };
}

/**
 * Makes REST and logical-format values comparable: REST writes -0 as 0 and may write doubles as strings or numbers
 * inconsistently ("NaN", "Infinity"), so doubles become canonical strings on both sides. Everything else must match
 * byte for byte.
 */
export function normaliseForRest(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseForRest);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'doubleValue') {
      const n = typeof v === 'number' ? v : Number(v);
      out[k] = Object.is(n, -0) ? '0' : String(n);
    } else {
      out[k] = normaliseForRest(v);
    }
  }
  return out;
}
