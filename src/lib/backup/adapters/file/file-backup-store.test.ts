import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isEngineError } from '../../errors';
import type { BackupStore, StoredObject } from '../../ports';
import { describeBackupStoreContract } from '../testing/backup-store-contract';
import { createFileBackupStore, openFileBackupStore } from './file-backup-store';
import { mapFsError } from './fs-errors';
import { parseFileStoreUrl } from './file-url';

async function tempRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'file-backup-store-'));
}

async function keysOf(store: BackupStore, prefix = ''): Promise<string[]> {
  const out: StoredObject[] = [];
  for await (const obj of store.list(prefix)) out.push(obj);
  return out.map((o) => o.key);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return isEngineError(err) ? err.code : `not an EngineError: ${String(err)}`;
}

describeBackupStoreContract('file', async () => {
  const root = await tempRoot();
  // A root that does not exist yet: the store creates it on first write.
  return { store: createFileBackupStore(join(root, 'bucket')), cleanup: () => rm(root, { recursive: true, force: true }) };
});

describe('file store on disk', () => {
  let root: string;
  let store: BackupStore;
  beforeEach(async () => {
    root = await tempRoot();
    store = createFileBackupStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('lays objects out as files with the key’s path, and leaves no temp files after puts', async () => {
    await store.put('p/db/b1/chunks/000001.ndjson.gz', Buffer.from('chunk'));
    expect(await readFile(join(root, 'p', 'db', 'b1', 'chunks', '000001.ndjson.gz'), 'utf8')).toBe('chunk');
    expect(await readdir(join(root, 'p', 'db', 'b1', 'chunks'))).toEqual(['000001.ndjson.gz']);
  });

  it('never lists nor reads a temp file left by a crash', async () => {
    await store.put('b1/chunks/000001', Buffer.from('ok'));
    await writeFile(join(root, 'b1', 'chunks', '.~tmp-0123456789abcdef'), 'half-written');
    await mkdir(join(root, '.~tmp-dir'));
    await writeFile(join(root, '.~tmp-dir', 'x'), 'y');
    expect(await keysOf(store)).toEqual(['b1/chunks/000001']);
    expect(await keysOf(store, 'b1/chunks/.')).toEqual([]);
    expect(await codeOf(store.get('b1/chunks/.~tmp-0123456789abcdef'))).toBe('invalid_argument');
  });

  it('skips files whose names no key can have, and directories as objects', async () => {
    await writeFile(join(root, 'back\\slash'), 'x');
    await mkdir(join(root, 'dir'));
    expect(await keysOf(store)).toEqual([]);
    expect(await store.stat('dir')).toBeUndefined();
    expect(await codeOf(store.get('dir'))).toBe('not_found');
    await store.delete('dir');
  });

  it('refuses a key that collides with a folder of other objects, or runs through an object', async () => {
    await store.put('a/b', Buffer.from('1'));
    expect(await codeOf(store.put('a', Buffer.from('2')))).toBe('failed_precondition');
    expect(await codeOf(store.put('a/b/c', Buffer.from('3')))).toBe('failed_precondition');
    expect(await keysOf(store)).toEqual(['a/b']);
  });

  // root ignores file modes, so this can only be observed as another user.
  const asNonRoot = process.getuid?.() === 0 ? it.skip : it;
  asNonRoot('reports permission problems as permission_denied', async () => {
    await mkdir(join(root, 'ro'), { mode: 0o500 });
    expect(await codeOf(store.put('ro/x', Buffer.from('1')))).toBe('permission_denied');
  });

  it('opens from a file:/// URL and shares the directory', async () => {
    const byUrl = openFileBackupStore(store.url);
    expect(store.url).toBe(`file://${root}`);
    await store.put('k', Buffer.from('v'));
    expect((await byUrl.get('k')).toString()).toBe('v');
  });
});

describe('parseFileStoreUrl', () => {
  it.each([
    ['file:///var/backups', '/var/backups'],
    ['file:///var/backups/', '/var/backups'],
    ['file:///var/my%20backups', '/var/my backups'],
    ['file:///a/../b', '/b'],
  ])('%s → %s', (url, path) => {
    expect(parseFileStoreUrl(url)).toBe(path);
  });

  it.each(['file://relative/path', 'file:relative', 'file:./x', 'relative/path', '/abs/path', 'gs://b/p', 'file:///x?y=1', 'file:///x#y'])(
    'refuses %j',
    (url) => {
      expect(() => parseFileStoreUrl(url)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    },
  );

  it('refuses a relative root directory', () => {
    expect(() => createFileBackupStore('backups')).toThrow(/must be an absolute path/);
  });
});

describe('mapFsError', () => {
  const errno = (code: string) => Object.assign(new Error(`${code}: boom`), { code });
  it.each([
    ['ENOENT', 'not_found', false],
    ['EEXIST', 'already_exists', false],
    ['EACCES', 'permission_denied', false],
    ['EPERM', 'permission_denied', false],
    ['ENOSPC', 'resource_exhausted', true],
    ['EIO', 'unavailable', true],
    ['EWEIRD', 'internal', false],
  ])('%s → %s (retryable %s)', (code, expected, retryable) => {
    const cause = errno(code);
    const err = mapFsError(cause, { url: 'file:///r', op: 'put', key: 'k' });
    expect(err).toMatchObject({ code: expected, retryable, cause, details: { op: 'put', key: 'k', errno: code } });
    expect(err.message).toBe(`file:///r: put "k" failed: ${code}: boom`);
  });
});
