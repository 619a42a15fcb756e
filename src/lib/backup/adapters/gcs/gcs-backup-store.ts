/**
 * BackupStore on Cloud Storage (`gs://bucket/prefix`), over @google-cloud/storage.
 *
 * - Write-once: every upload carries `ifGenerationMatch: 0`, so Cloud Storage itself refuses to replace an object
 *   (412 → already_exists) and of two concurrent puts exactly one wins
 *   (https://cloud.google.com/storage/docs/request-preconditions). An upload is atomic on the server: until it
 *   completes no object exists, and an aborted upload leaves nothing.
 * - The SDK retries uploads that carry a precondition. If a first attempt succeeded but its response was lost, the
 *   retry gets 412 for our own object; each put tags its object with a random id so that case is recognised.
 * - Objects are written NEARLINE (backups are read rarely) with CRC32C validation on upload and download.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { File, FileMetadata, GetFilesOptions, Storage } from '@google-cloud/storage';

import { EngineError } from '../../errors';
import type { BackupStore, PutResult, StoredObject } from '../../ports';
import { isValidKey, normalizeKey, normalizePrefix } from '../../store-key';
import { gcsErrorCode, mapGcsError, type GcsOperation } from './gcs-errors';
import { gcsUrl, parseGcsUrl, type GcsLocation } from './gcs-url';

/** Options of a GCS store. */
export interface GcsBackupStoreOptions extends GcsLocation {
  storage: Storage;
  /** Storage class of new objects; default NEARLINE (30-day minimum storage, cheap at rest). */
  storageClass?: string;
  /**
   * Buffers up to this size go in one request; larger buffers and all streams use a resumable upload, which survives
   * a dropped connection mid-object. Default 8 MiB.
   */
  resumableThresholdBytes?: number;
}

/** Custom metadata key holding the id of the put that wrote an object (see the module comment). */
export const PUT_ID_METADATA_KEY = 'backup-put-id';
const DEFAULT_RESUMABLE_THRESHOLD = 8 * 1024 * 1024;
const LIST_PAGE_SIZE = 1000;

/** A store on `opts.bucket` under `opts.prefix`. */
export function createGcsBackupStore(opts: GcsBackupStoreOptions): BackupStore {
  const loc = parseGcsUrl(gcsUrl({ bucket: opts.bucket, prefix: opts.prefix }));
  return new GcsBackupStore({ ...opts, ...loc });
}

/** A store from its `gs://bucket/prefix` URL. */
export function openGcsBackupStore(url: string, storage: Storage): BackupStore {
  return new GcsBackupStore({ storage, ...parseGcsUrl(url) });
}

class GcsBackupStore implements BackupStore {
  readonly url: string;
  private readonly objectPrefix: string;

  constructor(private readonly opts: GcsBackupStoreOptions) {
    this.url = gcsUrl(opts);
    this.objectPrefix = opts.prefix === '' ? '' : `${opts.prefix}/`;
  }

  async put(key: string, data: Buffer | AsyncIterable<Buffer>, opts: { contentType?: string } = {}): Promise<PutResult> {
    const file = this.file(key);
    const putId = randomUUID();
    const hash = createHash('sha256');
    let size = 0;
    let sourceError: unknown;
    async function* hashed(): AsyncGenerator<Buffer, void, undefined> {
      try {
        for await (const chunk of Buffer.isBuffer(data) ? [data] : data) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      } catch (err) {
        sourceError = err;
        throw err;
      }
    }
    const small = Buffer.isBuffer(data) && data.length <= (this.opts.resumableThresholdBytes ?? DEFAULT_RESUMABLE_THRESHOLD);
    const upload = file.createWriteStream({
      resumable: !small,
      validation: 'crc32c',
      contentType: opts.contentType ?? 'application/octet-stream',
      metadata: { storageClass: this.opts.storageClass ?? 'NEARLINE', metadata: { [PUT_ID_METADATA_KEY]: putId } },
      preconditionOpts: { ifGenerationMatch: 0 },
    });
    try {
      await pipeline(Readable.from(hashed()), upload);
    } catch (err) {
      // The caller's own stream failed: hand its error back unchanged; the aborted upload created nothing.
      if (sourceError !== undefined) throw sourceError;
      if (gcsErrorCode(err) === 412 && (await this.writtenBy(file, putId))) return { size, sha256: hash.digest('hex') };
      throw this.error(err, 'put', key);
    }
    return { size, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.read(key)) parts.push(chunk);
    return Buffer.concat(parts);
  }

  async *read(key: string): AsyncGenerator<Buffer, void, undefined> {
    const stream = this.file(key).createReadStream({ validation: 'crc32c' });
    try {
      for await (const chunk of stream) {
        if (!Buffer.isBuffer(chunk)) throw new EngineError('internal', `${this.url}: read ${JSON.stringify(key)} yielded a non-Buffer chunk`);
        yield chunk;
      }
    } catch (err) {
      throw this.error(err, 'read', key);
    } finally {
      stream.destroy();
    }
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    const file = this.file(key);
    try {
      const [metadata] = await file.getMetadata();
      return this.toStored(key, metadata);
    } catch (err) {
      if (gcsErrorCode(err) === 404) return undefined;
      throw this.error(err, 'stat', key);
    }
  }

  async *list(prefix: string): AsyncGenerator<StoredObject, void, undefined> {
    normalizePrefix(prefix);
    const bucket = this.opts.storage.bucket(this.opts.bucket);
    // Manual pages keep memory bounded on large buckets; Cloud Storage returns names in UTF-8 byte order.
    let query: GetFilesOptions | undefined = { prefix: this.objectPrefix + prefix, autoPaginate: false, maxResults: LIST_PAGE_SIZE };
    while (query !== undefined) {
      let files: File[];
      let next: { pageToken?: string } | null | undefined;
      try {
        [files, next] = await bucket.getFiles(query);
      } catch (err) {
        throw this.error(err, 'list');
      }
      for (const f of files) {
        const key = f.name.slice(this.objectPrefix.length);
        // Folder placeholders (`name/`, made by the console) and names no key can have are not objects.
        if (isValidKey(key)) yield this.toStored(key, f.metadata);
      }
      query = next?.pageToken ? { ...query, pageToken: next.pageToken } : undefined;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.file(key);
    // The SDK does not retry a delete without a generation precondition (it treats it as maybe not idempotent);
    // ours is idempotent by contract, so one retry after a transient failure is safe.
    for (let attempt = 1; ; attempt++) {
      try {
        await file.delete();
        return;
      } catch (err) {
        if (gcsErrorCode(err) === 404) return;
        const mapped = this.error(err, 'delete', key);
        if (!mapped.retryable || attempt >= 2) throw mapped;
      }
    }
  }

  async setHold(key: string, held: boolean): Promise<void> {
    const file = this.file(key);
    try {
      await file.setMetadata({ temporaryHold: held });
    } catch (err) {
      throw this.error(err, 'setHold', key);
    }
  }

  /** The SDK handle of `key`, after validating it (so invalid keys never reach the network). */
  private file(key: string): File {
    return this.opts.storage.bucket(this.opts.bucket).file(this.objectPrefix + normalizeKey(key));
  }

  private async writtenBy(file: File, putId: string): Promise<boolean> {
    try {
      const [metadata] = await file.getMetadata();
      return metadata.metadata?.[PUT_ID_METADATA_KEY] === putId;
    } catch {
      return false;
    }
  }

  private toStored(key: string, metadata: FileMetadata): StoredObject {
    const updated = metadata.updated === undefined ? undefined : new Date(metadata.updated);
    return { key, size: Number(metadata.size ?? 0), ...(updated === undefined ? {} : { updated }) };
  }

  private error(err: unknown, op: GcsOperation, key?: string): EngineError {
    return mapGcsError(err, { url: this.url, op, ...(key === undefined ? {} : { key }) });
  }
}

