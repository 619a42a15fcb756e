/**
 * Consistency and partitioning of whole-database reads against the real emulator: a read at readTime T never sees
 * later writes, and a big collection split into sampled key ranges yields every document exactly once.
 */
import { firestoreEmulatorHost, testProjectId } from '../../../../test/emulator-env';
import type { DocumentJson } from '../../format/firestore-value-json';

import { createFirestoreDocumentStore, type FirestoreDocumentStore } from './document-store';

const projectId = testProjectId('fs-snap');
let store: FirestoreDocumentStore;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const docs = (prefix: string, n: number, value = 'v1'): DocumentJson[] =>
  Array.from({ length: n }, (_, i) => ({ name: `${prefix}/${String(i).padStart(5, '0')}`, fields: { v: { stringValue: value } } }));

beforeAll(() => {
  store = createFirestoreDocumentStore({ projectId, databaseId: 'snap', emulatorHost: firestoreEmulatorHost() });
});
afterAll(async () => {
  // Cancelled gRPC streams report their final status a moment later; let them settle before the environment goes.
  await new Promise((r) => setTimeout(r, 500));
  await store.close();
});

describe('readTime', () => {
  it('a stream at T sees neither documents added nor changes and deletes made after T, even when started later', async () => {
    await store.writeDocuments(docs('before', 50), { mode: 'overwrite', throttle: false });
    const t = await store.snapshotTime();
    // Start the read at T, then change the database under it while it is being consumed.
    const iterator = store.streamDocuments({ readTime: t })[Symbol.asyncIterator]();
    const first = await iterator.next();
    await store.writeDocuments(docs('after', 30), { mode: 'overwrite', throttle: false });
    await store.writeDocuments(docs('before', 10, 'v2'), { mode: 'overwrite', throttle: false });
    await store.deleteDocuments(['before/00049']);
    const rest: DocumentJson[] = [];
    for (let r = await iterator.next(); r.done !== true; r = await iterator.next()) rest.push(r.value);
    const seen = [first.value as DocumentJson, ...rest];
    expect(seen).toHaveLength(50);
    expect(seen.map((d) => d.name)).toEqual(docs('before', 50).map((d) => d.name));
    expect(seen.map((d) => d.fields.v)).toEqual(Array.from({ length: 50 }, () => ({ stringValue: 'v1' })));

    // The same T read again later (and in parallel ranges) is the same snapshot; now is different.
    expect(await collect(store.streamDocuments({ readTime: t, partitions: 4 }))).toHaveLength(50);
    expect(await store.countDocuments({ readTime: t })).toBe(50);
    expect(await store.listRootCollections({ readTime: t })).toEqual(['before']);
    expect(await store.countDocuments()).toBe(79);
  });
});

describe('partitioned reads of a big collection', () => {
  it('splits a collection at sampled ids and yields every document exactly once', async () => {
    await store.writeDocuments(docs('big', 5_000), { mode: 'overwrite', throttle: false });
    await store.writeDocuments(docs('big/00100/sub', 20), { mode: 'overwrite', throttle: false });
    const t = await store.snapshotTime();
    const plan = await store.planPartitions(4, { readTime: t, rootCollections: ['big'] });
    expect(plan.length).toBeGreaterThan(1);
    // Contiguous: each range ends where the next starts, from the collection's lower bound to its upper bound.
    for (let i = 0; i + 1 < plan.length; i++) expect(plan[i]?.range.end).toBe(plan[i + 1]?.range.start);
    expect(plan[0]?.range.start).toBe('big/__id-9223372036854775808__');
    expect(plan.at(-1)?.range.end).toBe('big\u0000/__id-9223372036854775808__');

    const names = (await collect(store.streamDocuments({ readTime: t, partitions: 4, rootCollections: ['big'] }))).map((d) => d.name);
    expect(names).toHaveLength(5_020);
    expect(new Set(names).size).toBe(5_020);
    expect(names).toContain('big/00100/sub/00019');
  });

  it.each(['streamDocuments', 'streamDocumentLines'] as const)('%s stops the underlying streams when the consumer stops early', async (method) => {
    const controller = new AbortController();
    let n = 0;
    await expect(
      (async () => {
        for await (const _doc of store[method]({ partitions: 2, signal: controller.signal })) {
          n += 1;
          if (n === 10) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ name: 'EngineError', code: 'cancelled' });
    expect(n).toBeLessThan(200);
  });
});
