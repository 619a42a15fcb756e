/**
 * BackupStore on local disk (`file:///abs/path`), the embedded mode's bucket. Keys map to files under the root with
 * the same `/` layout, so a store can be copied to a bucket (`gcloud storage rsync`) and read there unchanged.
 *
 * Atomic, write-once puts: bytes go to a temp file beside the target, are fsynced, then hard-linked to the key. `link`
 * fails with EEXIST if the key exists, so of two concurrent puts exactly one wins, and a reader sees either no file or
 * the complete one. The directory is fsynced so the new name survives a power cut. Temp files are named with the
 * reserved segment prefix (store-key.ts): no key can name one, so a crash's leftovers are never listed or read.
 */
import { createHash, randomBytes } from 'node:crypto';
import { link, lstat, mkdir, open, readdir, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { EngineError } from '../../errors';
import type { BackupStore, PutResult, StoredObject } from '../../ports';
import { compareKeys, isValidKey, normalizeKey, normalizePrefix, RESERVED_SEGMENT_PREFIX } from '../../store-key';
import { errnoOf, mapFsError } from './fs-errors';
import { checkRootDir, fileStoreUrl, parseFileStoreUrl } from './file-url';

/** Read size: large enough for few syscalls, small enough to keep many concurrent readers cheap. */
const READ_CHUNK_BYTES = 256 * 1024;
const TEMP_PREFIX = `${RESERVED_SEGMENT_PREFIX}tmp-`;

/** A store rooted at the absolute directory `rootDir` (created on first write). */
export function createFileBackupStore(rootDir: string): BackupStore {
  return new FileBackupStore(checkRootDir(rootDir));
}

/** A store from its `file:///abs/path` URL. */
export function openFileBackupStore(url: string): BackupStore {
  return new FileBackupStore(parseFileStoreUrl(url));
}

class FileBackupStore implements BackupStore {
  readonly url: string;

  constructor(private readonly root: string) {
    this.url = fileStoreUrl(root);
  }

  async put(key: string, data: Buffer | AsyncIterable<Buffer>): Promise<PutResult> {
    const target = this.pathOf(key);
    // Fail fast before consuming a large stream; `link` below is the authoritative write-once check.
    if ((await this.statFile(key, target, 'put')) !== undefined) throw this.alreadyExists(key);
    const dir = dirname(target);
    await this.ensureDir(dir, key);
    const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
    const result = await this.writeTemp(temp, key, data);
    try {
      await link(temp, target);
    } catch (err) {
      if (errnoOf(err) === 'EEXIST') throw (await this.isDirectory(target)) ? this.dirInTheWay(key) : this.alreadyExists(key);
      throw mapFsError(err, { url: this.url, op: 'put', key });
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    await this.syncDir(dir, key);
    return result;
  }

  async get(key: string): Promise<Buffer> {
    const path = this.pathOf(key);
    try {
      return await readFile(path);
    } catch (err) {
      throw this.readError(err, key);
    }
  }

  async *read(key: string): AsyncGenerator<Buffer, void, undefined> {
    const path = this.pathOf(key);
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (err) {
      throw this.readError(err, key);
    }
    try {
      for (;;) {
        // A fresh buffer per chunk: consumers may keep chunks after asking for the next one.
        const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK_BYTES, null).catch((err: unknown) => {
          throw this.readError(err, key);
        });
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
      }
    } finally {
      await handle.close();
    }
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    return this.statFile(key, this.pathOf(key), 'stat');
  }

  async *list(prefix: string): AsyncGenerator<StoredObject, void, undefined> {
    normalizePrefix(prefix);
    const cut = prefix.lastIndexOf('/');
    const dirKey = cut === -1 ? '' : prefix.slice(0, cut);
    yield* this.walk(dirKey, prefix.slice(cut + 1));
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      await unlink(path);
    } catch (err) {
      const errno = errnoOf(err);
      if (errno === 'ENOENT' || errno === 'ENOTDIR') return;
      // unlink on a directory: EISDIR on Linux, EPERM on macOS. A directory is not an object, so there is nothing to delete.
      if ((errno === 'EISDIR' || errno === 'EPERM') && (await this.isDirectory(path))) return;
      throw mapFsError(err, { url: this.url, op: 'delete', key });
    }
    await this.syncDir(dirname(path), key);
  }

  /** Objects under directory `dirKey` whose name starts with `namePrefix`, recursively, in key order. */
  private async *walk(dirKey: string, namePrefix: string): AsyncGenerator<StoredObject, void, undefined> {
    const dir = dirKey === '' ? this.root : join(this.root, ...dirKey.split('/'));
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      const errno = errnoOf(err);
      if (errno === 'ENOENT' || errno === 'ENOTDIR') return;
      throw mapFsError(err, { url: this.url, op: 'list', key: dirKey });
    }
    // Sort directories as `name/`: every key below `a` starts with `a/`, which sorts after `a.txt` (`.` < `/`).
    const sorted = entries
      .filter((e) => e.name.startsWith(namePrefix) && !e.name.startsWith(RESERVED_SEGMENT_PREFIX) && (e.isFile() || e.isDirectory()))
      .map((e) => ({ entry: e, sortKey: e.isDirectory() ? `${e.name}/` : e.name }))
      .sort((a, b) => compareKeys(a.sortKey, b.sortKey));
    for (const { entry } of sorted) {
      const key = dirKey === '' ? entry.name : `${dirKey}/${entry.name}`;
      // Files put there by hand with names no key can have (backslashes, control characters) are not objects.
      if (!isValidKey(key)) continue;
      if (entry.isDirectory()) {
        yield* this.walk(key, '');
        continue;
      }
      const found = await this.statFile(key, join(dir, entry.name), 'list');
      if (found !== undefined) yield found;
    }
  }

  private async writeTemp(temp: string, key: string, data: Buffer | AsyncIterable<Buffer>): Promise<PutResult> {
    const handle = await open(temp, 'wx', 0o644).catch((err: unknown) => {
      throw mapFsError(err, { url: this.url, op: 'put', key });
    });
    const hash = createHash('sha256');
    let size = 0;
    try {
      // Errors thrown by the caller's iterable propagate unchanged: they are the caller's, not the disk's.
      for await (const chunk of Buffer.isBuffer(data) ? [data] : data) {
        hash.update(chunk);
        size += chunk.length;
        await writeAll(handle, chunk).catch((err: unknown) => {
          throw mapFsError(err, { url: this.url, op: 'put', key });
        });
      }
      await handle.sync().catch((err: unknown) => {
        throw mapFsError(err, { url: this.url, op: 'put', key });
      });
    } catch (err) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw err;
    }
    await handle.close();
    return { size, sha256: hash.digest('hex') };
  }

  /** Creates `dir` and fsyncs the parents of every directory it had to create, so the new path is durable. */
  private async ensureDir(dir: string, key: string): Promise<void> {
    let created: string | undefined;
    try {
      created = await mkdir(dir, { recursive: true });
    } catch (err) {
      if (errnoOf(err) === 'ENOTDIR' || errnoOf(err) === 'EEXIST') throw this.fileInTheWay(key, err);
      throw mapFsError(err, { url: this.url, op: 'put', key });
    }
    if (created === undefined) return;
    for (let d = dir; d.length >= created.length; d = dirname(d)) await this.syncDir(dirname(d), key);
  }

  private async statFile(key: string, path: string, op: string): Promise<StoredObject | undefined> {
    try {
      const st = await lstat(path);
      return st.isFile() ? { key, size: st.size, updated: st.mtime } : undefined;
    } catch (err) {
      const errno = errnoOf(err);
      if (errno === 'ENOENT' || errno === 'ENOTDIR') return undefined;
      throw mapFsError(err, { url: this.url, op, key });
    }
  }

  private async isDirectory(path: string): Promise<boolean> {
    return lstat(path).then((st) => st.isDirectory(), () => false);
  }

  private async syncDir(dir: string, key: string): Promise<void> {
    let handle: FileHandle | undefined;
    try {
      handle = await open(dir, 'r');
      await handle.sync();
    } catch (err) {
      // Some file systems refuse fsync on a directory; the data file itself is already synced.
      if (errnoOf(err) !== 'EINVAL' && errnoOf(err) !== 'EISDIR') throw mapFsError(err, { url: this.url, op: 'sync', key });
    } finally {
      await handle?.close();
    }
  }

  private pathOf(key: string): string {
    return join(this.root, ...normalizeKey(key).split('/'));
  }

  private readError(err: unknown, key: string): EngineError {
    // A directory is not an object: reading `a` when only `a/b` exists is a missing object.
    if (errnoOf(err) === 'EISDIR') return new EngineError('not_found', `${this.url}: no object ${JSON.stringify(key)}`, { cause: err, details: { key } });
    return mapFsError(err, { url: this.url, op: 'read', key });
  }

  private alreadyExists(key: string): EngineError {
    return new EngineError('already_exists', `${this.url}: object ${JSON.stringify(key)} already exists (objects are write-once)`, { details: { key } });
  }

  private dirInTheWay(key: string): EngineError {
    return new EngineError('failed_precondition', `${this.url}: cannot store ${JSON.stringify(key)}: other objects use it as a folder`, { details: { key } });
  }

  private fileInTheWay(key: string, cause: unknown): EngineError {
    return new EngineError('failed_precondition', `${this.url}: cannot store ${JSON.stringify(key)}: an object is stored where one of its folders would be`, {
      cause,
      details: { key },
    });
  }
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, null);
    offset += bytesWritten;
  }
}

