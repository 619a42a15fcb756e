/**
 * The BackupStore contract (src/lib/backup/ports.ts) as one Jest suite, run by every adapter's tests so `memory://`,
 * `file://` and `gs://` cannot drift apart. Content checks go through a second path: hashes are recomputed here with
 * node:crypto, and each write is read back both whole (`get`) and streamed (`read`).
 */
import { createHash, randomBytes } from 'node:crypto';

import { isEngineError, type EngineErrorCode } from '../../errors';
import type { BackupStore, StoredObject } from '../../ports';

/** A fresh, empty store for one test, and how to dispose of it. */
export type BackupStoreFactory = () => Promise<{ store: BackupStore; cleanup(): Promise<void> }>;

const MiB = 1024 * 1024;

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Yields `data` in `chunkBytes` pieces, each a fresh buffer, pausing between them like a producer would. */
async function* streamOf(data: Buffer, chunkBytes: number): AsyncGenerator<Buffer, void, undefined> {
  for (let i = 0; i < data.length; i += chunkBytes) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    yield Buffer.from(data.subarray(i, i + chunkBytes));
  }
}

async function readAll(iterable: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of iterable) parts.push(chunk);
  return Buffer.concat(parts);
}

async function listAll(store: BackupStore, prefix: string): Promise<StoredObject[]> {
  const out: StoredObject[] = [];
  for await (const obj of store.list(prefix)) out.push(obj);
  return out;
}

/** The EngineError code `promise` rejects with; fails the test if it resolves or rejects with something else. */
async function rejectionCode(promise: Promise<unknown>): Promise<EngineErrorCode> {
  try {
    await promise;
  } catch (err) {
    if (isEngineError(err)) return err.code;
    throw new Error(`expected an EngineError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected a rejection, but the call succeeded');
}

/** Runs the BackupStore contract against the stores `factory` makes (one fresh store per test). */
export function describeBackupStoreContract(name: string, factory: BackupStoreFactory): void {
  describe(`BackupStore contract: ${name}`, () => {
    let store: BackupStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => {
      await cleanup?.();
      cleanup = undefined;
    });

    describeRoundTrips(() => store);
    describeWriteOnce(() => store);
    describeMissingAndDelete(() => store);
    describeListing(() => store);
    describeInvalidKeys(() => store);
    describeFailedPuts(() => store);
    describeHolds(() => store);
  });
}

function describeRoundTrips(s: () => BackupStore): void {
  it('has a url naming its scheme', () => {
    expect(s().url).toMatch(/^(gs|file|memory):\/\//);
  });

  it('round-trips a Buffer, with the size and SHA-256 of the stored bytes', async () => {
    const data = Buffer.from('{"format":1}\n\u00e9\u0000\xff', 'utf8');
    const result = await s().put('p/db/b1/manifest.json', data, { contentType: 'application/json' });
    expect(result).toEqual({ size: data.length, sha256: sha256(data) });
    expect((await s().get('p/db/b1/manifest.json')).equals(data)).toBe(true);
    expect((await readAll(s().read('p/db/b1/manifest.json'))).equals(data)).toBe(true);
    expect(await s().stat('p/db/b1/manifest.json')).toEqual(expect.objectContaining({ key: 'p/db/b1/manifest.json', size: data.length }));
  });

  it('round-trips an empty object', async () => {
    expect(await s().put('empty', Buffer.alloc(0))).toEqual({ size: 0, sha256: sha256(Buffer.alloc(0)) });
    expect((await s().get('empty')).length).toBe(0);
    expect((await readAll(s().read('empty'))).length).toBe(0);
    expect((await s().stat('empty'))?.size).toBe(0);
  });

  it('streams a multi-MB AsyncIterable in and out', async () => {
    const data = randomBytes(5 * MiB + 123);
    const result = await s().put('big/chunks/000001.ndjson.gz', streamOf(data, 64 * 1024 + 7));
    expect(result).toEqual({ size: data.length, sha256: sha256(data) });
    const chunks: Buffer[] = [];
    for await (const chunk of s().read('big/chunks/000001.ndjson.gz')) chunks.push(chunk);
    // Streamed, not handed over whole.
    expect(chunks.length).toBeGreaterThan(1);
    expect(sha256(Buffer.concat(chunks))).toBe(result.sha256);
    expect(sha256(await s().get('big/chunks/000001.ndjson.gz'))).toBe(result.sha256);
  });

  it('stores a copy: changing the caller’s buffer afterwards does not change the object', async () => {
    const data = Buffer.from('original');
    await s().put('copy', data);
    data.fill(0);
    expect((await s().get('copy')).toString()).toBe('original');
  });

  it('lets a reader stop early without affecting later operations', async () => {
    await s().put('early', randomBytes(3 * MiB));
    for await (const chunk of s().read('early')) {
      expect(chunk.length).toBeGreaterThan(0);
      break;
    }
    await s().delete('early');
    expect(await s().stat('early')).toBeUndefined();
  });
}

function describeWriteOnce(s: () => BackupStore): void {
  it('refuses to overwrite: a second put fails with already_exists and the first content stays', async () => {
    await s().put('once', Buffer.from('first'));
    expect(await rejectionCode(s().put('once', Buffer.from('second')))).toBe('already_exists');
    expect(await rejectionCode(s().put('once', streamOf(Buffer.from('third'), 2)))).toBe('already_exists');
    expect((await s().get('once')).toString()).toBe('first');
  });

  it('lets exactly one of several concurrent puts of one key win', async () => {
    const contents = Array.from({ length: 5 }, (_, i) => randomBytes(256 * 1024 + i));
    const results = await Promise.allSettled(contents.map((c) => s().put('race', streamOf(c, 16 * 1024))));
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(isEngineError(r.reason, 'already_exists')).toBe(true);
    }
    const stored = await s().get('race');
    const winner = contents[winners[0] ?? -1];
    expect(winner !== undefined && stored.equals(winner)).toBe(true);
  });
}

function describeMissingAndDelete(s: () => BackupStore): void {
  it('reports a missing object: get/read fail with not_found, stat returns undefined', async () => {
    expect(await rejectionCode(s().get('missing/x'))).toBe('not_found');
    expect(await rejectionCode(readAll(s().read('missing/x')))).toBe('not_found');
    expect(await s().stat('missing/x')).toBeUndefined();
  });

  it('deletes idempotently, and a deleted key can be written again', async () => {
    await s().put('d/x', Buffer.from('1'));
    await s().delete('d/x');
    await s().delete('d/x');
    await s().delete('never/existed');
    expect(await s().stat('d/x')).toBeUndefined();
    expect(await listAll(s(), 'd/')).toEqual([]);
    await s().put('d/x', Buffer.from('2'));
    expect((await s().get('d/x')).toString()).toBe('2');
  });
}

function describeListing(s: () => BackupStore): void {
  const keys = ['a/b', 'a.txt', 'a/c/d', 'ab/x', 'b', 'a/b2', 'a/c/e/f', 'a/\u00e9', 'a/z'];
  const inOrder = ['a.txt', 'a/b', 'a/b2', 'a/c/d', 'a/c/e/f', 'a/z', 'a/\u00e9', 'ab/x', 'b'];

  it('lists every object under a prefix in lexicographic order, scoped by plain string prefix', async () => {
    for (const [i, key] of keys.entries()) await s().put(key, Buffer.alloc(i + 1, i));
    const all = await listAll(s(), '');
    expect(all.map((o) => o.key)).toEqual(inOrder);
    expect(all.find((o) => o.key === 'a/c/d')?.size).toBe(keys.indexOf('a/c/d') + 1);
    expect((await listAll(s(), 'a/')).map((o) => o.key)).toEqual(inOrder.filter((k) => k.startsWith('a/')));
    expect((await listAll(s(), 'a')).map((o) => o.key)).toEqual(inOrder.filter((k) => k !== 'b'));
    expect((await listAll(s(), 'a/b')).map((o) => o.key)).toEqual(['a/b', 'a/b2']);
    expect((await listAll(s(), 'a/c/')).map((o) => o.key)).toEqual(['a/c/d', 'a/c/e/f']);
    expect((await listAll(s(), 'a/c/e/f')).map((o) => o.key)).toEqual(['a/c/e/f']);
    expect(await listAll(s(), 'zzz/')).toEqual([]);
    expect(await listAll(s(), 'a/q')).toEqual([]);
  });

  it('lists nothing in an empty store', async () => {
    expect(await listAll(s(), '')).toEqual([]);
  });
}

function describeInvalidKeys(s: () => BackupStore): void {
  const bad = ['../x', '/abs', 'a//b', 'a\u0000b', 'a\\b', ''];

  it.each(bad)('refuses key %j with invalid_argument before any I/O', async (key) => {
    let consumed = false;
    async function* source(): AsyncGenerator<Buffer, void, undefined> {
      consumed = true;
      yield Buffer.from('x');
    }
    expect(await rejectionCode(s().put(key, source()))).toBe('invalid_argument');
    expect(consumed).toBe(false);
    expect(await rejectionCode(s().put(key, Buffer.from('x')))).toBe('invalid_argument');
    expect(await rejectionCode(s().get(key))).toBe('invalid_argument');
    expect(await rejectionCode(readAll(s().read(key)))).toBe('invalid_argument');
    expect(await rejectionCode(s().stat(key))).toBe('invalid_argument');
    expect(await rejectionCode(s().delete(key))).toBe('invalid_argument');
    if (s().setHold !== undefined) expect(await rejectionCode(s().setHold?.(key, true) ?? Promise.resolve())).toBe('invalid_argument');
    expect(await listAll(s(), '')).toEqual([]);
  });

  it.each(['../', '/', 'a//'])('refuses list prefix %j with invalid_argument', async (prefix) => {
    expect(await rejectionCode(listAll(s(), prefix))).toBe('invalid_argument');
  });
}

function describeFailedPuts(s: () => BackupStore): void {
  it('leaves nothing behind when the source fails midway, and the key stays writable', async () => {
    const boom = new Error('source failed');
    async function* failing(): AsyncGenerator<Buffer, void, undefined> {
      yield randomBytes(512 * 1024);
      yield randomBytes(512 * 1024);
      throw boom;
    }
    await expect(s().put('f/chunk', failing())).rejects.toBe(boom);
    expect(await s().stat('f/chunk')).toBeUndefined();
    expect(await rejectionCode(s().get('f/chunk'))).toBe('not_found');
    expect(await listAll(s(), '')).toEqual([]);
    await s().put('f/chunk', Buffer.from('retry'));
    expect((await s().get('f/chunk')).toString()).toBe('retry');
  });
}

function describeHolds(s: () => BackupStore): void {
  it('blocks deletion of a held object until the hold is released (where holds are supported)', async () => {
    const store = s();
    if (store.setHold === undefined) return;
    await store.put('held', Buffer.from('keep'));
    await store.setHold('held', true);
    expect(await rejectionCode(store.delete('held'))).toBe('failed_precondition');
    expect((await store.get('held')).toString()).toBe('keep');
    await store.setHold('held', false);
    await store.delete('held');
    expect(await store.stat('held')).toBeUndefined();
    expect(await rejectionCode(store.setHold('missing', true))).toBe('not_found');
  });
}
