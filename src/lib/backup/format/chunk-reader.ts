/**
 * Reads one logical chunk back into documents, checking it against its manifest entry in this order:
 * size and SHA-256 of the stored bytes → decryption (authenticates every byte) → gunzip → one document per line →
 * document count and first/last names.
 *
 * The stored bytes of a chunk are held in memory (bounded by the writer's chunk size limit) because both the hash and
 * the GCM tag can only be checked at the end, and no document may be handed out from bytes not yet verified. The
 * decompressed text is streamed line by line, so a highly compressible chunk never sits in memory uncompressed.
 */
import { Readable, pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createHash } from 'node:crypto';
import { createGunzip } from 'node:zlib';
import { EngineError } from '../errors';
import { parseDocumentLine } from './document-line';
import { openChunk } from './envelope';
import type { DocumentJson } from './firestore-value-json';
import type { ManifestFileEntry } from './manifest';

/** Which check a chunk failed; in `EngineError.details.check` of every error thrown by {@link readChunk}. */
export type ChunkCheck = 'size' | 'sha256' | 'key' | 'decrypt' | 'gzip' | 'line' | 'count' | 'names';

/** One line longer than this is damage, not data: Firestore documents are at most 1 MiB. */
const MAX_LINE_CHARS = 16 * 1024 * 1024;

export interface ReadChunkOptions {
  /** The chunk's manifest entry; its path says whether it is gzipped (`.gz`) and encrypted (`.enc`). */
  entry: ManifestFileEntry;
  backupId: string;
  /** The unwrapped data key; required for `.enc` chunks. */
  dataKey?: Buffer;
  /** The key id that wrapped the data key, named in decryption errors. */
  keyId?: string;
}

/**
 * Yields the documents of one chunk. Throws EngineError `integrity` naming the chunk (and the line, or the key id)
 * on any mismatch, with `details: { file, check: ChunkCheck }`; `invalid_argument` when an encrypted chunk is read
 * without a data key.
 */
export function readChunk(bytes: Buffer | AsyncIterable<Buffer>, options: ReadChunkOptions): AsyncGenerator<DocumentJson, void, undefined> {
  return readChunkLines(bytes, options, (line, path) => {
    const doc = parseLine(line, path);
    return { value: doc, name: doc.name };
  });
}

/**
 * Like {@link readChunk}, with every check except parsing each line as a document: yields the documents' names only,
 * taken from the start of each line. For a chunk whose SHA-256 was computed while this process wrote it (a backup
 * verifying itself), the hash already proves the stored bytes are the writer's own `JSON.stringify` output, so a
 * full parse would only re-check the writer; this reads a chunk several times faster.
 */
export function readChunkNames(bytes: Buffer | AsyncIterable<Buffer>, options: ReadChunkOptions): AsyncGenerator<string, void, undefined> {
  return readChunkLines(bytes, options, (line, path) => {
    const name = nameOfLine(line, path);
    return { value: name, name };
  });
}

async function* readChunkLines<T>(
  bytes: Buffer | AsyncIterable<Buffer>,
  options: ReadChunkOptions,
  decode: (line: { text: string; number: number }, path: string) => { value: T; name: string },
): AsyncGenerator<T, void, undefined> {
  const { entry } = options;
  const stored = await readStored(bytes, entry);
  let plain = stored;
  if (entry.path.endsWith('.enc')) {
    if (options.dataKey === undefined) {
      throw new EngineError('invalid_argument', `chunk ${entry.path} is encrypted: a data key is needed`, {
        details: { file: entry.path, check: 'key' satisfies ChunkCheck },
      });
    }
    try {
      plain = openChunk(stored, { backupId: options.backupId, path: entry.path, dataKey: options.dataKey, keyId: options.keyId });
    } catch (err) {
      throw withCheck(err, entry.path, 'decrypt');
    }
  }
  const text = /\.gz(\.enc)?$/.test(entry.path) ? gunzip(plain, entry.path) : single(plain);
  let documents = 0;
  let first: string | undefined;
  let last: string | undefined;
  for await (const batch of lines(text, entry.path)) {
    for (const line of batch) {
      const { value, name } = decode(line, entry.path);
      documents++;
      first ??= name;
      last = name;
      yield value;
    }
  }
  checkSummary(entry, { documents, first, last });
}

/** A line starts `{"name":"<JSON string>",` (documentToLine writes `name` first). */
const LINE_NAME = /^\{"name":("(?:[^"\\]|\\.)*")[,}]/;

function nameOfLine(line: { text: string; number: number }, path: string): string {
  const m = LINE_NAME.exec(line.text);
  if (m !== null) {
    try {
      return JSON.parse(m[1] ?? '') as string;
    } catch {
      // fall through to the finding below
    }
  }
  throw fail(path, 'line', `line ${line.number} does not start with a document name`);
}

function parseLine(line: { text: string; number: number }, path: string): DocumentJson {
  try {
    return parseDocumentLine(line.text, `chunk ${path}, line ${line.number}`);
  } catch (err) {
    throw withCheck(err, path, 'line');
  }
}

async function readStored(bytes: Buffer | AsyncIterable<Buffer>, entry: ManifestFileEntry): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of Buffer.isBuffer(bytes) ? [bytes] : bytes) {
    size += part.length;
    // Stop reading a file larger than recorded: it is wrong already, and it must not exhaust memory.
    if (size > entry.bytes) throw fail(entry.path, 'size', `size mismatch: more than the ${entry.bytes} bytes the manifest records`);
    parts.push(part);
  }
  if (size !== entry.bytes) throw fail(entry.path, 'size', `size mismatch: ${size} bytes stored, the manifest records ${entry.bytes} (truncated?)`);
  const stored = Buffer.concat(parts, size);
  if (createHash('sha256').update(stored).digest('hex') !== entry.sha256) throw fail(entry.path, 'sha256', 'SHA-256 mismatch');
  return stored;
}

async function* gunzip(compressed: Buffer, path: string): AsyncGenerator<Buffer> {
  const out = pipeline(Readable.from([compressed]), createGunzip(), () => {});
  try {
    for await (const piece of out) yield piece as Buffer;
  } catch (cause) {
    throw fail(path, 'gzip', `cannot decompress: ${messageOf(cause)}`, cause);
  }
}

async function* single(buffer: Buffer): AsyncGenerator<Buffer> {
  yield buffer;
}

/**
 * Splits UTF-8 text into `\n`-terminated lines, yielded as the batch each decompressed piece completes (one await per
 * piece, not per line); a last line without its newline means the chunk was cut short.
 */
async function* lines(text: AsyncIterable<Buffer>, path: string): AsyncGenerator<Array<{ text: string; number: number }>> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  for await (const piece of text) {
    pending += decoder.write(piece);
    let start = 0;
    const batch: Array<{ text: string; number: number }> = [];
    for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n', start)) {
      number++;
      batch.push({ text: pending.slice(start, nl), number });
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (batch.length > 0) yield batch;
    if (pending.length > MAX_LINE_CHARS) throw fail(path, 'line', `line ${number + 1} is longer than ${MAX_LINE_CHARS} characters`);
  }
  pending += decoder.end();
  if (pending.length > 0) throw fail(path, 'line', `line ${number + 1} has no end of line (the chunk was cut short)`);
}

function checkSummary(entry: ManifestFileEntry, seen: { documents: number; first?: string; last?: string }): void {
  if (entry.documents !== undefined && seen.documents !== entry.documents) {
    throw fail(entry.path, 'count', `holds ${seen.documents} documents, the manifest records ${entry.documents}`);
  }
  if ((entry.firstName !== undefined && entry.firstName !== seen.first) || (entry.lastName !== undefined && entry.lastName !== seen.last)) {
    throw fail(entry.path, 'names', `first/last documents are ${seen.first ?? '(none)'} / ${seen.last ?? '(none)'}, the manifest records ${entry.firstName ?? '(none)'} / ${entry.lastName ?? '(none)'}`);
  }
}

/** Node's zlib errors come from another realm under Jest, so `instanceof Error` is not reliable here. */
function messageOf(err: unknown): string {
  return typeof err === 'object' && err !== null && 'message' in err ? String(err.message) : String(err);
}

function fail(path: string, check: ChunkCheck, reason: string, cause?: unknown): EngineError {
  return new EngineError('integrity', `chunk ${path}: ${reason}`, { cause, details: { file: path, check } });
}

/** Adds `check` to an EngineError from a lower layer (the envelope) so callers can classify it without the message. */
function withCheck(err: unknown, path: string, check: ChunkCheck): unknown {
  if (!(err instanceof EngineError)) return err;
  return new EngineError(err.code, err.message, { cause: err.cause, details: { ...err.details, file: path, check } });
}
