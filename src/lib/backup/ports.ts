/**
 * The engine's ports: small interfaces with written contracts. The engine depends only on these; adapters
 * (src/lib/backup/adapters) implement them and are wired in composition.ts.
 */

/**
 * Firestore's REST `Value` JSON encoding (https://firebase.google.com/docs/firestore/reference/rest/v1/Value).
 *
 * This is the lossless interchange shape of the logical backup format v1 and the shape every reader (logical chunks,
 * Google's managed-export files) yields. Encoding rules that matter for fidelity:
 * - `integerValue` is a decimal string, so 64-bit integers survive JSON;
 * - `doubleValue` is a number, or the strings "NaN", "Infinity", "-Infinity"; -0 is written as the string "-0"
 *   because JSON numbers cannot carry the sign of zero;
 * - `timestampValue` is RFC 3339 with up to 9 fractional digits (Firestore stores microseconds);
 * - `bytesValue` is base64;
 * - `referenceValue` is the full resource name `projects/{p}/databases/{d}/documents/{path}`;
 * - a vector is a map `{ __type__: "__vector__", value: [doubles] }`, exactly as Firestore stores it.
 */
export type FirestoreValueJson =
  | { nullValue: null }
  | { booleanValue: boolean }
  | { integerValue: string }
  | { doubleValue: number | 'NaN' | 'Infinity' | '-Infinity' | '-0' }
  | { timestampValue: string }
  | { stringValue: string }
  | { bytesValue: string }
  | { referenceValue: string }
  | { geoPointValue: { latitude: number; longitude: number } }
  | { arrayValue: { values?: FirestoreValueJson[] } }
  | { mapValue: { fields?: Record<string, FirestoreValueJson> } };

/** A document as stored in a logical chunk line, or yielded by an export reader. */
export interface DocumentJson {
  /** Path relative to the database root, e.g. `users/u1/events/e1`. */
  name: string;
  /** RFC 3339; absent when the source does not carry it (Google's managed exports do not). */
  createTime?: string;
  updateTime?: string;
  fields: Record<string, FirestoreValueJson>;
}

/** A document already printed as its logical chunk line (format/document-line.ts `documentToLine`), with its name. */
export interface EncodedDocument {
  name: string;
  line: string;
}

/** Time source. Injected so leases, schedules, retention and polling are testable with a fixed clock. */
export interface Clock {
  now(): Date;
  /**
   * Waits `ms` (operation polls sleep through this). Resolves early, without throwing, when `signal` aborts. Optional:
   * without it the engine waits on a real timer; a test clock advances itself and resolves at once.
   */
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Id source. Injected so tests get deterministic ids. */
export interface IdGenerator {
  /** A new unique id; sortable by creation time when the implementation allows (backup ids are). */
  newId(prefix?: string): string;
}

/** Metadata of one stored object. */
export interface StoredObject {
  /** Normalised key relative to the store's root (no leading slash, `/`-separated). */
  key: string;
  size: number;
  updated?: Date;
}

export interface PutResult {
  size: number;
  /** Hex SHA-256 of the bytes stored. */
  sha256: string;
}

/**
 * Where backups live: `gs://bucket/prefix` or `file:///path` (or memory in tests).
 *
 * Contract (checked by adapters/testing/backup-store-contract.ts for every adapter):
 * - Keys are normalised by `normalizeKey`: `..`, absolute paths, empty segments and control characters are refused
 *   with EngineError `invalid_argument` before any I/O. Segments starting with `.~` are reserved for adapters'
 *   scratch files and refused.
 * - `put` is write-once and atomic: a reader never sees a partial object; writing an existing key fails with
 *   `already_exists` and leaves the stored object untouched. A failed `put` leaves nothing behind; an error thrown
 *   by the caller's `data` iterable propagates unchanged.
 * - `get`/`read`/`stat` of a missing key: `get`/`read` fail with `not_found`; `stat` returns undefined.
 * - `list(prefix)` yields every object whose key starts with `prefix`, in lexicographic key order.
 * - `delete` is idempotent (deleting a missing key succeeds). Where `setHold` exists, deleting a held object fails
 *   with `failed_precondition` until the hold is released.
 * - Errors are EngineErrors; transient backend failures are `unavailable` with `retryable: true`.
 */
export interface BackupStore {
  /** The store's URL (`gs://…`, `file:///…`, `memory://…`), for manifests and messages. */
  readonly url: string;
  put(key: string, data: Buffer | AsyncIterable<Buffer>, opts?: { contentType?: string }): Promise<PutResult>;
  get(key: string): Promise<Buffer>;
  read(key: string): AsyncIterable<Buffer>;
  stat(key: string): Promise<StoredObject | undefined>;
  list(prefix: string): AsyncIterable<StoredObject>;
  delete(key: string): Promise<void>;
  /** Sets or clears a legal hold on an object where the backend supports it (GCS temporary holds); else a no-op. */
  setHold?(key: string, held: boolean): Promise<void>;
}

/**
 * Wraps per-backup data keys with a key-encryption key (a 32-byte env key, or Cloud KMS).
 *
 * Contract: `unwrap(wrap(k))` returns `k`; unwrapping with the wrong key, or a wrapped key for another key id, fails
 * with EngineError `integrity` whose message names the key id. The KEK itself never leaves the adapter.
 */
export interface KeyWrapper {
  readonly keyId: string;
  wrap(dataKey: Buffer): Promise<string>;
  unwrap(wrapped: string, keyId: string): Promise<Buffer>;
}

/** A message to humans (webhook). Delivery failures are reported, never thrown into the caller's job. */
export interface Notifier {
  send(alert: { severity: 'info' | 'warning' | 'critical'; title: string; text: string; incidentKey: string; resolved?: boolean }): Promise<void>;
}

/** Where a Firestore database lives. */
export interface DatabaseRef {
  projectId: string;
  databaseId: string;
}

/** Counters of a bulk write. */
export interface WriteCounters {
  written: number;
  skipped: number;
  retried: number;
  batches: number;
}

/**
 * How a bulk write treats documents that exist (the one declaration; the Firestore adapter plans writes by it):
 * - `overwrite`: the document becomes exactly the backed-up one (a full set).
 * - `merge`: the backed-up top-level fields replace the target's, other target fields stay (update mask).
 * - `skip-existing`: created only where no document exists (precondition `exists: false`); others count as skipped.
 */
export type WriteMode = 'overwrite' | 'merge' | 'skip-existing';

/** Which documents a stream reads, at which snapshot, and how. */
export interface DocumentStreamOptions {
  readTime?: Date | string;
  rootCollections?: string[];
  filter?: (path: string) => boolean;
  partitions?: number;
  signal?: AbortSignal;
}

/**
 * One Firestore database, read and written losslessly as REST Value JSON (every type, 64-bit integers, -0, NaN,
 * integral doubles, nanosecond-precision timestamps as Firestore keeps them).
 *
 * Contract: `streamDocuments` yields every document at every depth (subcollections under missing parents included)
 * exactly once, as of one `readTime` (a consistent snapshot), with createTime/updateTime, in bounded memory;
 * `rootCollections` limits the read to those top-level collections and `filter` drops paths early. Writes are
 * batched and retried on transient errors; `skip-existing` never overwrites; deletes are idempotent. Errors are
 * EngineErrors with retryability decided by the adapter.
 */
export interface DocumentDatabase {
  readonly projectId: string;
  readonly databaseId: string;
  /** The server's current time (RFC 3339): a consistent read time for what is read afterwards. */
  snapshotTime(): Promise<string>;
  streamDocuments(opts?: DocumentStreamOptions): AsyncIterable<DocumentJson>;
  /** The same documents as `{name, line}`: each printed as its chunk line (`documentToLine`), ready for a chunk. */
  streamDocumentLines(opts?: DocumentStreamOptions): AsyncIterable<EncodedDocument>;
  /** The documents at `paths` (relative, unique) that exist now, by path: point reads, no scan. */
  getDocuments(paths: readonly string[], opts?: { signal?: AbortSignal }): Promise<Map<string, DocumentJson>>;
  writeDocuments(
    docs: AsyncIterable<DocumentJson> | Iterable<DocumentJson>,
    opts: { mode: WriteMode; throttle: boolean; onProgress?: (p: WriteCounters) => void; concurrency?: number; signal?: AbortSignal },
  ): Promise<WriteCounters>;
  deleteDocuments(
    paths: AsyncIterable<string> | Iterable<string>,
    opts?: { throttle: boolean; onProgress?: (p: WriteCounters) => void; signal?: AbortSignal },
  ): Promise<WriteCounters>;
  countDocuments(opts?: { rootCollections?: string[]; readTime?: Date | string }): Promise<number>;
  /**
   * Whether `countDocuments` runs on the database's own servers (Cloud Firestore: an index-only aggregation, cheap
   * to run beside a read) rather than as a full scan competing with the reader for the same CPUs (the emulator).
   */
  readonly serverSideCounts: boolean;
  /**
   * Parallel streams a whole-database read should use (key ranges; split points from PartitionQuery on Cloud
   * Firestore). 1 on the emulator, which scans everything for each range query: measured, two ranges took 2.5× as
   * long as one stream at 100k documents.
   */
  readonly readStreams: number;
  listRootCollections(opts?: { readTime?: Date | string }): Promise<string[]>;
}

/** Opens databases by reference (source, staging, a new named database, another project). */
export interface DocumentDatabases {
  open(db: DatabaseRef): DocumentDatabase;
  close(): Promise<void>;
}

/** A request to export a database with the managed (Google) export. */
export interface ExportRequest extends DatabaseRef {
  backupId: string;
  /** Key prefix inside the BackupStore where the export files must end up (the backup's folder). */
  storePrefix: string;
  collectionIds?: string[];
  /** Consistent snapshot time; the Admin API wants it rounded to the minute. */
  snapshotTime?: Date;
}

export interface ExportStatus {
  done: boolean;
  /** Set when done and failed. */
  error?: { code: string; message: string };
  progress?: { documents?: number; bytes?: number };
}

/**
 * Managed export/import: the Firestore Admin API's long-running `exportDocuments` on GCP, the emulator's export
 * endpoint locally. `start` returns an operation name that is persisted on the job, so a restarted worker resumes
 * polling with `check` instead of starting a second export. `cancel` is best effort.
 */
export interface ExportService {
  start(req: ExportRequest): Promise<{ operationName: string }>;
  check(operationName: string): Promise<ExportStatus>;
  cancel(operationName: string): Promise<void>;
  /**
   * Google's `importDocuments` of a managed export in the store (`storePrefix`), where the backend has one (GCP; the
   * emulator does not). It overwrites documents and keeps references as exported. Absent: restore reads the export
   * itself.
   */
  startImport?(req: DatabaseRef & { storePrefix: string; collectionIds?: string[] }): Promise<{ operationName: string }>;
  checkImport?(operationName: string): Promise<ExportStatus>;
}
