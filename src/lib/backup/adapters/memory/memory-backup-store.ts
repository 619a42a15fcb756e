/**
 * A BackupStore held in process memory, for unit tests of the engine. It honours the full port contract (write-once,
 * atomic puts, ordered listing, holds) so engine tests exercise real semantics, and it can simulate faults through
 * a separate handle (`createFaultyMemoryBackupStore`) that production code never sees.
 */
import { createHash } from 'node:crypto';

import { EngineError } from '../../errors';
import type { BackupStore, Clock, PutResult, StoredObject } from '../../ports';
import { compareKeys, normalizeKey, normalizePrefix } from '../../store-key';

/** Options of an in-memory store. */
export interface MemoryBackupStoreOptions {
  /** Appears in the store's url `memory://<name>`; default `default`. */
  name?: string;
  /** Source of `updated` timestamps; default the system clock. */
  clock?: Clock;
  /** Size of the chunks `read` yields, to exercise consumers' chunk handling; default 64 KiB. */
  readChunkBytes?: number;
}

/** An operation of the store, for fault injection. */
export type MemoryStoreOperation = 'put' | 'get' | 'read' | 'stat' | 'list' | 'delete' | 'setHold';

/**
 * Test hooks that damage a memory store behind its contract's back, as a faulty disk or a careless operator would.
 * Each hook bypasses holds and write-once checks.
 */
export interface MemoryBackupStoreFaults {
  /** Flips every bit of the byte at `byteIndex` of a stored object (bit rot). */
  corrupt(key: string, byteIndex: number): void;
  /** Cuts a stored object to `length` bytes (a torn copy). */
  truncate(key: string, length: number): void;
  /** Removes an object even if held (a deleted file, an expired lifecycle rule). */
  remove(key: string): void;
  /** Replaces an object's bytes outright (a tampered object). */
  overwrite(key: string, data: Buffer): void;
  /** Makes the next `times` calls of `op` fail with `error` (default: a retryable `unavailable`). */
  failNext(op: MemoryStoreOperation, opts?: { error?: Error; times?: number }): void;
  /** Keys currently held. */
  heldKeys(): string[];
}

interface Entry {
  data: Buffer;
  updated: Date;
  held: boolean;
}

interface State {
  objects: Map<string, Entry>;
  failures: Map<MemoryStoreOperation, { error: () => Error; remaining: number }>;
}

const DEFAULT_READ_CHUNK_BYTES = 64 * 1024;
const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/** A new, empty in-memory store. */
export function createMemoryBackupStore(opts: MemoryBackupStoreOptions = {}): BackupStore {
  return createFaultyMemoryBackupStore(opts).store;
}

/** A new, empty in-memory store plus the hooks that damage it. Only tests should call this. */
export function createFaultyMemoryBackupStore(opts: MemoryBackupStoreOptions = {}): { store: BackupStore; faults: MemoryBackupStoreFaults } {
  const state: State = { objects: new Map(), failures: new Map() };
  return { store: new MemoryBackupStore(state, opts), faults: faultsOf(state) };
}

const named = new Map<string, BackupStore>();

/**
 * The process-wide store called `name`: every caller opening `memory://<name>` sees the same objects, so a test can
 * check what the engine wrote through a second handle.
 */
export function namedMemoryBackupStore(name: string): BackupStore {
  let store = named.get(name);
  if (store === undefined) {
    store = createMemoryBackupStore({ name });
    named.set(name, store);
  }
  return store;
}

class MemoryBackupStore implements BackupStore {
  readonly url: string;
  private readonly clock: Clock;
  private readonly chunkBytes: number;

  constructor(
    private readonly state: State,
    opts: MemoryBackupStoreOptions,
  ) {
    this.url = `memory://${opts.name ?? 'default'}`;
    this.clock = opts.clock ?? SYSTEM_CLOCK;
    this.chunkBytes = opts.readChunkBytes ?? DEFAULT_READ_CHUNK_BYTES;
  }

  async put(key: string, data: Buffer | AsyncIterable<Buffer>): Promise<PutResult> {
    normalizeKey(key);
    this.maybeFail('put');
    // Fail fast before consuming a large stream; the check at commit below is the authoritative one.
    if (this.state.objects.has(key)) throw alreadyExists(this.url, key);
    const parts: Buffer[] = [];
    const hash = createHash('sha256');
    for await (const chunk of Buffer.isBuffer(data) ? [data] : data) {
      // Copy: the caller may reuse its buffer after yielding it.
      const copy = Buffer.from(chunk);
      hash.update(copy);
      parts.push(copy);
    }
    if (this.state.objects.has(key)) throw alreadyExists(this.url, key);
    const stored = Buffer.concat(parts);
    this.state.objects.set(key, { data: stored, updated: this.clock.now(), held: false });
    return { size: stored.length, sha256: hash.digest('hex') };
  }

  async get(key: string): Promise<Buffer> {
    normalizeKey(key);
    this.maybeFail('get');
    return Buffer.from(this.entry(key).data);
  }

  async *read(key: string): AsyncGenerator<Buffer, void, undefined> {
    normalizeKey(key);
    this.maybeFail('read');
    const data = this.entry(key).data;
    for (let i = 0; i < data.length; i += this.chunkBytes) {
      // Yield to the event loop between chunks, as real I/O would.
      await Promise.resolve();
      yield Buffer.from(data.subarray(i, i + this.chunkBytes));
    }
  }

  async stat(key: string): Promise<StoredObject | undefined> {
    normalizeKey(key);
    this.maybeFail('stat');
    const entry = this.state.objects.get(key);
    return entry === undefined ? undefined : { key, size: entry.data.length, updated: entry.updated };
  }

  async *list(prefix: string): AsyncGenerator<StoredObject, void, undefined> {
    normalizePrefix(prefix);
    this.maybeFail('list');
    // A snapshot of the keys: objects added while listing may or may not appear, as with a paginated bucket listing.
    const keys = [...this.state.objects.keys()].filter((k) => k.startsWith(prefix)).sort(compareKeys);
    for (const key of keys) {
      const entry = this.state.objects.get(key);
      if (entry !== undefined) yield { key, size: entry.data.length, updated: entry.updated };
    }
  }

  async delete(key: string): Promise<void> {
    normalizeKey(key);
    this.maybeFail('delete');
    const entry = this.state.objects.get(key);
    if (entry?.held === true) {
      throw new EngineError('failed_precondition', `${this.url}: object ${JSON.stringify(key)} is under a hold and cannot be deleted`, {
        details: { key },
      });
    }
    this.state.objects.delete(key);
  }

  async setHold(key: string, held: boolean): Promise<void> {
    normalizeKey(key);
    this.maybeFail('setHold');
    this.entry(key).held = held;
  }

  private entry(key: string): Entry {
    const entry = this.state.objects.get(key);
    if (entry === undefined) throw new EngineError('not_found', `${this.url}: no object ${JSON.stringify(key)}`, { details: { key } });
    return entry;
  }

  private maybeFail(op: MemoryStoreOperation): void {
    const failure = this.state.failures.get(op);
    if (failure === undefined) return;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.state.failures.delete(op);
    throw failure.error();
  }
}

function alreadyExists(url: string, key: string): EngineError {
  return new EngineError('already_exists', `${url}: object ${JSON.stringify(key)} already exists (objects are write-once)`, { details: { key } });
}

function faultsOf(state: State): MemoryBackupStoreFaults {
  const entry = (key: string): Entry => {
    const found = state.objects.get(key);
    if (found === undefined) throw new Error(`memory store fault hook: no object ${JSON.stringify(key)}`);
    return found;
  };
  return {
    corrupt(key, byteIndex) {
      const e = entry(key);
      if (byteIndex < 0 || byteIndex >= e.data.length) throw new RangeError(`byte ${byteIndex} is outside ${key} (${e.data.length} bytes)`);
      const copy = Buffer.from(e.data);
      copy[byteIndex] = (copy[byteIndex] ?? 0) ^ 0xff;
      e.data = copy;
    },
    truncate: (key, length) => void (entry(key).data = entry(key).data.subarray(0, length)),
    remove: (key) => void state.objects.delete(key),
    overwrite: (key, data) => void (entry(key).data = Buffer.from(data)),
    failNext(op, opts = {}) {
      const error = () => opts.error ?? new EngineError('unavailable', `simulated ${op} failure`, { details: { simulated: true } });
      state.failures.set(op, { error, remaining: opts.times ?? 1 });
    },
    heldKeys: () => [...state.objects].filter(([, e]) => e.held).map(([k]) => k).sort(compareKeys),
  };
}
