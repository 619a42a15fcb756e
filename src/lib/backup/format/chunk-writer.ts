/**
 * Writes documents as logical chunks `chunks/000001.ndjson.gz[.enc]` through a sink (the engine passes
 * `BackupStore.put`).
 *
 * Streaming end to end: each chunk is a pipeline documents → lines (64 KiB batches) → gzip → AES-256-GCM → sink, so
 * peak memory is a few batches and zlib's buffers — independent of the number of documents and of the chunk size.
 * A chunk rolls over when its stored size reaches `maxChunkBytes` or its document count `maxChunkDocuments`. The size
 * limit is soft: gzip holds some input back, so a chunk can exceed it by roughly one zlib output buffer and one line
 * batch. Readers rely on the limit (they hold one chunk in memory to authenticate it), so it stays small.
 */
import { createHash, type Hash } from 'node:crypto';
import { Readable, pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { EngineError } from '../errors';
import type { PutResult } from '../ports';
import { documentToLine, type EncodedDocument } from './document-line';
import { sealChunkStream } from './envelope';
import type { DocumentJson } from './firestore-value-json';
import { chunkSuffix, collectionGroupKey, type Manifest, type ManifestFileEntry } from './manifest';

/** Default stored-size limit of one chunk. */
export const DEFAULT_MAX_CHUNK_BYTES = 8 * 1024 * 1024;
/**
 * Default document limit of one chunk. Small enough that a backup of a few hundred thousand documents has several
 * chunks: each is verified while the next is read (logical-backup.ts), and a chunk is the unit of parallel restore.
 */
export const DEFAULT_MAX_CHUNK_DOCUMENTS = 10_000;
const LINE_BATCH_BYTES = 64 * 1024;

/** Stores one chunk; resolves with the size and hex SHA-256 of the bytes stored. Must consume `bytes` fully. */
export type ChunkSink = (chunkPath: string, bytes: AsyncIterable<Buffer> | Buffer) => Promise<PutResult>;

export interface WriteProgress {
  documents: number;
  /** Stored (compressed, encrypted) bytes so far. */
  bytes: number;
  chunks: number;
}

export interface WriteChunksOptions {
  backupId: string;
  sink: ChunkSink;
  /** Default `gzip`. */
  compression?: Manifest['compression'];
  /** When set, every chunk is sealed with this per-backup data key (envelope.ts). */
  encryption?: { dataKey: Buffer; randomBytes?: (size: number) => Buffer };
  maxChunkBytes?: number;
  maxChunkDocuments?: number;
  /** Called after every line batch and at the end of every chunk. */
  onProgress?: (progress: WriteProgress) => void;
  /** Called when a chunk is stored and the store confirmed its size and hash (before the next chunk starts). */
  onChunk?: (entry: ManifestFileEntry) => void;
}

/** What the manifest needs from the writer. */
export interface WriteChunksResult {
  files: ManifestFileEntry[];
  collections: Record<string, { documents: number }>;
  totals: { documents: number; bytes: number };
}

/** What a chunk holds: documents, or documents already printed as their lines (the wire read path prints them). */
export type ChunkDocument = DocumentJson | EncodedDocument;

/** Reads the source one document ahead, so a chunk is only started when there is something to put in it. */
class DocumentCursor {
  current: ChunkDocument | undefined;
  /** A failure of the source, kept so it is rethrown as is rather than as whatever the sink made of it. */
  failure: unknown;
  readonly #it: AsyncIterator<ChunkDocument>;

  constructor(source: AsyncIterable<ChunkDocument> | Iterable<ChunkDocument>) {
    this.#it = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : fromSync(source[Symbol.iterator]());
  }

  async advance(): Promise<void> {
    try {
      const next = await this.#it.next();
      this.current = next.done === true ? undefined : next.value;
    } catch (err) {
      this.failure = err;
      this.current = undefined;
      throw err;
    }
  }
}

interface ChunkState {
  documents: number;
  stored: number;
  hash: Hash;
  firstName?: string;
  lastName?: string;
}

interface RunState {
  options: WriteChunksOptions;
  collections: Map<string, number>;
  documents: number;
  bytes: number;
  chunks: number;
}

/**
 * Writes every document of `source`, in order, into as many chunks as the limits require (none for an empty source).
 * Throws the source's own error if it fails, the sink's error if a put fails, and EngineError `integrity` if the sink
 * reports a size or hash other than the bytes it was given.
 */
export async function writeChunks(
  source: AsyncIterable<ChunkDocument> | Iterable<ChunkDocument>,
  options: WriteChunksOptions,
): Promise<WriteChunksResult> {
  checkLimits(options);
  const cursor = new DocumentCursor(source);
  const run: RunState = { options, collections: new Map(), documents: 0, bytes: 0, chunks: 0 };
  const files: ManifestFileEntry[] = [];
  await cursor.advance();
  while (cursor.current !== undefined) {
    files.push(await writeOneChunk(cursor, run));
  }
  const collections: Record<string, { documents: number }> = {};
  for (const key of [...run.collections.keys()].sort()) collections[key] = { documents: run.collections.get(key) ?? 0 };
  return { files, collections, totals: { documents: run.documents, bytes: run.bytes } };
}

async function writeOneChunk(cursor: DocumentCursor, run: RunState): Promise<ManifestFileEntry> {
  const { options } = run;
  const compression = options.compression ?? 'gzip';
  const path = `chunks/${String(run.chunks + 1).padStart(6, '0')}${chunkSuffix({ compression, encrypted: options.encryption !== undefined })}`;
  const chunk: ChunkState = { documents: 0, stored: 0, hash: createHash('sha256') };
  let bytes: AsyncIterable<Buffer> = lineBatches(cursor, chunk, run);
  if (compression === 'gzip') bytes = gzip(bytes);
  if (options.encryption !== undefined) bytes = sealChunkStream(bytes, { ...options.encryption, backupId: options.backupId, path });
  let put: PutResult;
  try {
    put = await options.sink(path, measured(bytes, chunk));
  } catch (err) {
    throw cursor.failure ?? err;
  }
  if (cursor.failure !== undefined) throw cursor.failure;
  const sha256 = chunk.hash.digest('hex');
  if (put.size !== chunk.stored || put.sha256 !== sha256) {
    throw new EngineError('integrity', `chunk ${path}: the store reports ${put.size} bytes / SHA-256 ${put.sha256}, the writer produced ${chunk.stored} bytes / ${sha256}`);
  }
  run.chunks++;
  run.bytes += chunk.stored;
  options.onProgress?.({ documents: run.documents, bytes: run.bytes, chunks: run.chunks });
  const entry: ManifestFileEntry = { path, bytes: chunk.stored, sha256, documents: chunk.documents, firstName: chunk.firstName, lastName: chunk.lastName };
  options.onChunk?.(entry);
  return entry;
}

/** Lines of the chunk in ~64 KiB batches; stops at the end of the source or when the chunk is full. */
async function* lineBatches(cursor: DocumentCursor, chunk: ChunkState, run: RunState): AsyncGenerator<Buffer> {
  const maxBytes = run.options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES;
  const maxDocuments = run.options.maxChunkDocuments ?? DEFAULT_MAX_CHUNK_DOCUMENTS;
  let batch: string[] = [];
  let batchBytes = 0;
  while (cursor.current !== undefined && chunk.documents < maxDocuments && chunk.stored < maxBytes) {
    const doc = cursor.current;
    const line = 'line' in doc ? doc.line : documentToLine(doc);
    batch.push(line);
    batchBytes += line.length;
    count(doc, chunk, run);
    await cursor.advance();
    if (batchBytes >= LINE_BATCH_BYTES) {
      yield Buffer.from(batch.join(''), 'utf8');
      run.options.onProgress?.({ documents: run.documents, bytes: run.bytes + chunk.stored, chunks: run.chunks });
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) yield Buffer.from(batch.join(''), 'utf8');
}

function count(doc: ChunkDocument, chunk: ChunkState, run: RunState): void {
  chunk.documents++;
  chunk.firstName ??= doc.name;
  chunk.lastName = doc.name;
  run.documents++;
  const key = collectionGroupKey(doc.name);
  run.collections.set(key, (run.collections.get(key) ?? 0) + 1);
}

async function* measured(bytes: AsyncIterable<Buffer>, chunk: ChunkState): AsyncGenerator<Buffer> {
  for await (const piece of bytes) {
    chunk.stored += piece.length;
    chunk.hash.update(piece);
    yield piece;
  }
}

async function* gzip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  // highWaterMark 1: read no further ahead than one batch, so the chunk-full check sees up-to-date sizes.
  const compressed = pipeline(Readable.from(source, { highWaterMark: 1 }), createGzip(), () => {});
  for await (const piece of compressed) yield piece as Buffer;
}

function checkLimits(options: WriteChunksOptions): void {
  for (const [name, value] of [['maxChunkBytes', options.maxChunkBytes], ['maxChunkDocuments', options.maxChunkDocuments]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
      throw new EngineError('invalid_argument', `${name} must be a positive whole number, got ${value}`);
    }
  }
}

async function* fromSync<T>(it: Iterator<T>): AsyncGenerator<T> {
  for (let next = it.next(); next.done !== true; next = it.next()) yield next.value;
}
