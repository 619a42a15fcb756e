/**
 * The document store against the real Cloud Firestore emulator: every value type written through our writer, read
 * back through our reader and, as a second path, through the emulator's REST API.
 */
import { firestoreEmulatorHost, testProjectId } from '../../../../test/emulator-env';
import { documentToLine, type EncodedDocument } from '../../format/document-line';
import type { DocumentJson } from '../../format/firestore-value-json';

import { createFirestoreDocumentStore, type FirestoreDocumentStore } from './document-store';
import { compareDocumentPaths } from './path-order';
import { everyTypeFields, normaliseForRest, restGetDocument, trickyPaths } from './testing/fixtures';

const projectId = testProjectId('fs-store');
let host: string;
let store: FirestoreDocumentStore;
let staging: FirestoreDocumentStore;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const byName = (docs: DocumentJson[]) => new Map(docs.map((d) => [d.name, d]));

beforeAll(() => {
  host = firestoreEmulatorHost();
  store = createFirestoreDocumentStore({ projectId, emulatorHost: host });
  staging = createFirestoreDocumentStore({ projectId, databaseId: 'staging', emulatorHost: host });
});

afterAll(async () => {
  await store.close();
  await staging.close();
});

describe('value fidelity', () => {
  const paths = trickyPaths();

  beforeAll(async () => {
    const docs = paths.map((name, i) => ({ name, fields: { ...everyTypeFields(projectId, '(default)'), n: { integerValue: String(i) } } }));
    expect(await store.writeDocuments(docs, { mode: 'overwrite', throttle: false })).toMatchObject({ written: paths.length, skipped: 0 });
  });

  it('reads back every value exactly as written, with create/update times, at every depth', async () => {
    const read = byName(await collect(store.streamDocuments()));
    expect([...read.keys()].sort()).toEqual([...paths].sort());
    for (const [i, path] of paths.entries()) {
      const doc = read.get(path);
      expect(doc?.fields).toEqual({ ...everyTypeFields(projectId, '(default)'), n: { integerValue: String(i) } });
      expect(doc?.createTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6})?Z$/);
      expect(doc?.updateTime).toBe(doc?.createTime);
    }
    // Sign of zero and integral doubles survive exactly (toEqual treats -0 and 0 as different, checked here again).
    const deep = read.get('users/u1')?.fields;
    expect(deep?.dblNegZero).toEqual({ doubleValue: '-0' });
    expect(deep?.dblIntegral).toEqual({ doubleValue: 3 });
  });

  it('matches what the emulator REST API returns, value by value', async () => {
    const read = byName(await collect(store.streamDocuments()));
    for (const path of paths) {
      const rest = await restGetDocument(host, projectId, '(default)', path);
      const ours = read.get(path);
      expect(rest).toBeDefined();
      expect(normaliseForRest(ours?.fields)).toEqual(normaliseForRest(rest?.fields));
      expect(ours?.createTime).toBe(rest?.createTime);
      expect(ours?.updateTime).toBe(rest?.updateTime);
    }
  });

  it('point-reads documents by path exactly as the stream reads them; missing paths are absent', async () => {
    const streamed = byName(await collect(store.streamDocuments()));
    const missing = ['users/nobody', 'orphans/missing-parent', 'a/z/sub/none'];
    const got = await store.getDocuments([...paths, ...missing]);
    expect([...got.keys()].sort()).toEqual([...paths].sort());
    for (const path of paths) expect(got.get(path)).toEqual(streamed.get(path));
  });

  it('point-reads more paths than one request carries (1,200 names, 1,000 of them missing)', async () => {
    const many = [...paths, ...Array.from({ length: 1200 - paths.length }, (_, i) => `nowhere/n${i}`)];
    expect((await store.getDocuments(many)).size).toBe(paths.length);
    expect((await store.getDocuments([])).size).toBe(0);
  });

  it('prints the same chunk lines straight from the wire as from the decoded documents, in every read shape', async () => {
    const expected = (await collect(store.streamDocuments())).map((d) => ({ name: d.name, line: documentToLine(d) }));
    expect(await collect(store.streamDocumentLines())).toEqual(expected);
    const sorted = (docs: EncodedDocument[]) => [...docs].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(sorted(await collect(store.streamDocumentLines({ partitions: 4 })))).toEqual(sorted(expected));
    const users = await collect(store.streamDocumentLines({ rootCollections: ['users'], filter: (p) => !p.includes('/likes/') }));
    expect(users).toEqual(expected.filter((d) => d.name.startsWith('users/') && !d.name.includes('/likes/')));
    // The named database's prefix is the one stripped.
    const stagingLines = await collect(staging.streamDocumentLines());
    expect(stagingLines).toEqual((await collect(staging.streamDocuments())).map((d) => ({ name: d.name, line: documentToLine(d) })));
  });

  it('returns documents in __name__ order from the single stream', async () => {
    const names = (await collect(store.streamDocuments())).map((d) => d.name);
    expect(names.slice(0, 4)).toEqual(['a/__id7__', 'a/z', 'a/\u00e9t\u00e9', 'aa/x']);
    expect(names.indexOf('users/u1')).toBeLessThan(names.indexOf('users/u1/posts/p1'));
    // Our client-side order (used to sort PartitionQuery split points) agrees with the server's.
    expect([...names].sort(compareDocumentPaths)).toEqual(names);
  });

  it('finds the same documents with parallel ranges, root-collection scopes and a filter', async () => {
    const all = (await collect(store.streamDocuments())).map((d) => d.name).sort();
    for (const partitions of [2, 4, 8]) {
      expect((await collect(store.streamDocuments({ partitions }))).map((d) => d.name).sort()).toEqual(all);
    }
    const orphans = await collect(store.streamDocuments({ rootCollections: ['orphans', 'a'] }));
    expect(orphans.map((d) => d.name).sort()).toEqual(['a/__id7__', 'a/z', 'a/\u00e9t\u00e9', 'orphans/missing-parent/children/kid', 'orphans/missing-parent/children/kid/toys/t1']);
    const filtered = await collect(store.streamDocuments({ filter: (p) => p.startsWith('users/') }));
    expect(filtered.map((d) => d.name)).toEqual(['users/u1', 'users/u1/posts/p1', 'users/u1/posts/p1/comments/c1', 'users/u1/posts/p1/comments/c1/likes/l1']);
    expect(await store.countDocuments()).toBe(all.length);
    expect(await store.countDocuments({ rootCollections: ['users', 'a'] })).toBe(7);
    expect(await store.listRootCollections()).toEqual(['a', 'aa', 'a\u00ff', 'comments', 'orphans', 'posts', 'users']);
  });
});

describe('named database', () => {
  it('writes and reads `staging` without touching (default), keeping references as written', async () => {
    const fields = everyTypeFields(projectId, 'staging');
    await staging.writeDocuments([{ name: 'only/in-staging', fields }], { mode: 'overwrite', throttle: false });
    const docs = await collect(staging.streamDocuments());
    expect(docs.map((d) => d.name)).toEqual(['only/in-staging']);
    expect(docs[0]?.fields).toEqual(fields);
    const rest = await restGetDocument(host, projectId, 'staging', 'only/in-staging');
    expect(normaliseForRest(rest?.fields)).toEqual(normaliseForRest(fields));
    expect(await restGetDocument(host, projectId, '(default)', 'only/in-staging')).toBeUndefined();
  });
});

describe('write modes', () => {
  const db = { projectId, databaseId: 'modes' };
  let modes: FirestoreDocumentStore;
  beforeAll(() => {
    modes = createFirestoreDocumentStore({ ...db, emulatorHost: host });
  });
  afterAll(() => modes.close());

  const get = (path: string) => restGetDocument(host, projectId, db.databaseId, path);

  it('overwrite replaces, merge keeps untouched fields, skip-existing leaves existing documents alone', async () => {
    await modes.writeDocuments([{ name: 'm/1', fields: { a: { integerValue: '1' }, keep: { booleanValue: true } } }], { mode: 'overwrite', throttle: false });

    await modes.writeDocuments([{ name: 'm/1', fields: { a: { integerValue: '2' }, 'b-c': { stringValue: 'new' } } }], { mode: 'merge', throttle: false });
    expect((await get('m/1'))?.fields).toEqual({ a: { integerValue: '2' }, keep: { booleanValue: true }, 'b-c': { stringValue: 'new' } });

    const skipped = await modes.writeDocuments(
      [
        { name: 'm/1', fields: { a: { integerValue: '3' } } },
        { name: 'm/2', fields: { fresh: { nullValue: null } } },
      ],
      { mode: 'skip-existing', throttle: false },
    );
    expect(skipped).toMatchObject({ written: 1, skipped: 1 });
    expect((await get('m/1'))?.fields.a).toEqual({ integerValue: '2' });
    expect((await get('m/2'))?.fields).toEqual({ fresh: { nullValue: null } });

    await modes.writeDocuments([{ name: 'm/1', fields: { only: { stringValue: 'this' } } }], { mode: 'overwrite', throttle: false });
    expect((await get('m/1'))?.fields).toEqual({ only: { stringValue: 'this' } });
  });

  it('deletes documents (idempotently) and keeps their subcollections', async () => {
    await modes.writeDocuments([{ name: 'd/1', fields: {} }, { name: 'd/1/s/1', fields: {} }], { mode: 'overwrite', throttle: false });
    expect(await modes.deleteDocuments(['d/1', 'd/never-existed'])).toMatchObject({ written: 2 });
    expect(await get('d/1')).toBeUndefined();
    expect(await get('d/1/s/1')).toBeDefined();
  });

  it('writes many documents in bounded batches under the ramp limiter, reporting progress', async () => {
    const seen: number[] = [];
    const docs = Array.from({ length: 1_234 }, (_, i) => ({ name: `bulk/${String(i).padStart(5, '0')}`, fields: { i: { integerValue: String(i) } } }));
    const result = await modes.writeDocuments(
      (async function* () {
        yield* docs;
      })(),
      { mode: 'overwrite', throttle: true, onProgress: (p) => seen.push(p.written) },
    );
    expect(result).toMatchObject({ written: 1_234, batches: 3 });
    expect(seen.sort((a, b) => a - b).at(-1)).toBe(1_234);
    expect(await modes.countDocuments({ rootCollections: ['bulk'] })).toBe(1_234);
  });

  it('fails a write the server rejects with a non-retryable EngineError naming the document', async () => {
    const tooBig = { name: 'm/big', fields: { s: { stringValue: 'x'.repeat(1_100_000) } } };
    await expect(modes.writeDocuments([tooBig], { mode: 'overwrite', throttle: false })).rejects.toMatchObject({
      name: 'EngineError',
      code: 'invalid_argument',
      retryable: false,
      message: expect.stringContaining('m/big'),
    });
  });
});
