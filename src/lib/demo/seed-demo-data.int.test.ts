/**
 * Seeds the demo dataset into the real emulator and reads it back by other paths: the emulator's REST API for exact
 * values and aggregation counts per collection group.
 */
import { Firestore } from '@google-cloud/firestore';

import type { FirestoreValueJson } from '../backup/format/firestore-value-json';
import { firestoreEmulatorHost, testProjectId } from '../../test/emulator-env';

import { demoPlan, generateDemoData } from './generate-demo-data';
import { seedDemoData } from './seed-demo-data';

jest.setTimeout(120_000);

const projectId = testProjectId('seed');
const host = firestoreEmulatorHost();
const documents = 1_500;
let db: Firestore;

/** Firestore keeps microseconds: the stored value of a nanosecond timestamp is its truncation. */
function storedForm(value: FirestoreValueJson): unknown {
  if ('timestampValue' in value) return { timestampValue: value.timestampValue.replace(/\.(\d{6})\d{3}Z$/, '.$1Z').replace(/\.?0+Z$/, 'Z') };
  // REST output prints -0 as the JSON number -0.0; NaN and infinities come back as strings.
  if ('doubleValue' in value) return { doubleValue: value.doubleValue === '-0' ? -0 : value.doubleValue };
  if ('arrayValue' in value) return { arrayValue: (value.arrayValue.values ?? []).length ? { values: (value.arrayValue.values ?? []).map(storedForm) } : {} };
  if ('mapValue' in value) return { mapValue: Object.keys(value.mapValue.fields ?? {}).length ? { fields: normalise(value.mapValue.fields ?? {}) } : {} };
  return value;
}

function normalise(fields: Record<string, FirestoreValueJson>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, x]) => [k, storedForm(x)]));
}

function restNormalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restNormalise);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('timestampValue' in o && typeof o.timestampValue === 'string') return { timestampValue: o.timestampValue.replace(/\.?0+Z$/, 'Z') };
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, restNormalise(x)]));
  }
  return value;
}

beforeAll(async () => {
  db = new Firestore({ projectId, preferRest: false });
  await seedDemoData(db, { documents, seed: 42, projectId });
});

afterAll(async () => {
  await db.terminate();
});

it('stores every generated value exactly as Firestore keeps it (read back over REST)', async () => {
  const expected = [...generateDemoData({ documents, seed: 42, projectId })];
  for (const name of ['types/all-values', 'users/u-000001', 'orders/o-000002', 'archive/2025/months/01']) {
    const res = await fetch(`http://${host}/v1/projects/${projectId}/databases/(default)/documents/${name}`, { headers: { Authorization: 'Bearer owner' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { fields: Record<string, unknown> };
    const doc = expected.find((d) => d.name === name);
    expect(restNormalise(body.fields)).toEqual(normalise(doc?.fields ?? {}));
  }
});

it('writes the planned number of documents per collection group', async () => {
  const plan = demoPlan(documents);
  const count = async (group: string): Promise<number> => (await db.collectionGroup(group).count().get()).data().count;
  expect(await count('products')).toBe(plan.products);
  expect(await count('users')).toBe(plan.users);
  expect(await count('orders')).toBe(plan.orders);
  expect(await count('lineItems')).toBe(plan.lineItems);
  expect(await count('events')).toBe(plan.events);
  expect(await count('children')).toBe(1);
});
