/**
 * Envelope encryption of logical chunks: AES-256-GCM under a per-backup random 32-byte data key (itself wrapped by a
 * {@link KeyWrapper} and stored in the manifest), a fresh random 12-byte IV per chunk.
 *
 * Sealed chunk layout (all of it covered by the GCM tag):
 * ```
 * offset 0  4 bytes  magic "FBK1"
 *        4  1 byte   envelope version (1)
 *        5  1 byte   algorithm (1 = AES-256-GCM)
 *        6  1 byte   IV length (12)
 *        7  1 byte   tag length (16)
 *        8  12 bytes IV
 *       20  …        ciphertext (same length as the plaintext)
 *  end-16  16 bytes  GCM authentication tag
 * ```
 * The additional authenticated data is the header plus the backup id and the chunk's path, so a chunk copied to
 * another position, or into another backup encrypted with the same key, fails authentication.
 *
 * Decryption is whole-chunk: GCM only authenticates at the very end, and a reader must never hand out plaintext that
 * has not been authenticated. Chunks are bounded by the writer's size limit (8 MiB by default), so holding one chunk
 * in memory is the price of never yielding unverified documents. Encryption streams (nothing to verify on the way in).
 */
import { createCipheriv, createDecipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';
import { EngineError } from '../errors';

const MAGIC = Buffer.from('FBK1', 'ascii');
const ENVELOPE_VERSION = 1;
const ALGORITHM_AES_256_GCM = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 4 + IV_BYTES;
/** Bytes a sealed chunk has beyond its plaintext. */
export const ENVELOPE_OVERHEAD = HEADER_BYTES + TAG_BYTES;
/** Length of a data key (AES-256). */
export const DATA_KEY_BYTES = 32;

/** Where a chunk belongs: bound into the ciphertext so it cannot be moved undetected. */
export interface ChunkContext {
  backupId: string;
  /** The chunk's path relative to the backup root, e.g. `chunks/000001.ndjson.gz.enc`. */
  path: string;
}

export interface SealOptions extends ChunkContext {
  dataKey: Buffer;
  /** Randomness source, injectable for deterministic tests; defaults to `crypto.randomBytes`. */
  randomBytes?: (size: number) => Buffer;
}

export interface OpenOptions extends ChunkContext {
  dataKey: Buffer;
  /** Named in the error when authentication fails (the key that wrapped the data key). */
  keyId?: string;
}

/** A new random per-backup data key. */
export function generateDataKey(randomBytes: (size: number) => Buffer = nodeRandomBytes): Buffer {
  return checkKey(randomBytes(DATA_KEY_BYTES));
}

/** True when `bytes` start with the envelope's magic (cheap sniffing; decryption still authenticates everything). */
export function isSealedChunk(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.equals(bytes.subarray(0, MAGIC.length));
}

/**
 * Encrypts a stream of plaintext pieces into the sealed layout, streaming: the header first, ciphertext as it comes,
 * the tag last. Memory is one piece at a time.
 */
export async function* sealChunkStream(plaintext: AsyncIterable<Buffer>, options: SealOptions): AsyncGenerator<Buffer> {
  const iv = (options.randomBytes ?? nodeRandomBytes)(IV_BYTES);
  if (iv.length !== IV_BYTES) throw new EngineError('internal', `randomBytes returned ${iv.length} bytes, not ${IV_BYTES}`);
  const header = Buffer.concat([MAGIC, Buffer.from([ENVELOPE_VERSION, ALGORITHM_AES_256_GCM, IV_BYTES, TAG_BYTES]), iv]);
  const cipher = createCipheriv('aes-256-gcm', checkKey(options.dataKey), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(header, options));
  yield header;
  for await (const piece of plaintext) {
    const out = cipher.update(piece);
    if (out.length > 0) yield out;
  }
  const last = cipher.final();
  if (last.length > 0) yield last;
  yield cipher.getAuthTag();
}

/** Encrypts a whole plaintext chunk (see {@link sealChunkStream}). */
export async function sealChunk(plaintext: Buffer, options: SealOptions): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of sealChunkStream(single(plaintext), options)) parts.push(part);
  return Buffer.concat(parts);
}

/**
 * Authenticates and decrypts a whole sealed chunk. Throws EngineError `integrity` naming the chunk path (and the key
 * id when authentication fails) for a missing or unknown header, a truncated chunk, or a failed authentication —
 * which is what a wrong data key, an altered byte, or a chunk moved from another position or backup all look like.
 */
export function openChunk(sealed: Buffer, options: OpenOptions): Buffer {
  const where = `chunk ${options.path}`;
  if (!isSealedChunk(sealed)) throw new EngineError('integrity', `${where}: not an encrypted chunk (no FBK1 header)`);
  if (sealed.length < ENVELOPE_OVERHEAD) {
    throw new EngineError('integrity', `${where}: truncated (${sealed.length} bytes, shorter than the envelope)`);
  }
  const [version, algorithm, ivLength, tagLength] = sealed.subarray(MAGIC.length, MAGIC.length + 4);
  if (version !== ENVELOPE_VERSION || algorithm !== ALGORITHM_AES_256_GCM || ivLength !== IV_BYTES || tagLength !== TAG_BYTES) {
    throw new EngineError(
      'integrity',
      `${where}: unsupported envelope (version ${version}, algorithm ${algorithm}, iv ${ivLength}, tag ${tagLength})`,
    );
  }
  const header = sealed.subarray(0, HEADER_BYTES);
  const iv = header.subarray(MAGIC.length + 4);
  const decipher = createDecipheriv('aes-256-gcm', checkKey(options.dataKey), iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(header, options));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch (cause) {
    const key = options.keyId === undefined ? 'the data key' : `the data key of key id ${options.keyId}`;
    throw new EngineError(
      'integrity',
      `${where}: cannot decrypt: authentication failed (wrong key for ${key}, or the chunk was altered, truncated or moved)`,
      { cause, details: { file: options.path, keyId: options.keyId } },
    );
  }
}

function additionalData(header: Buffer, ctx: ChunkContext): Buffer {
  // NUL separators: neither a backup id nor a normalised path can contain NUL, so the encoding is unambiguous.
  return Buffer.concat([header, Buffer.from(`\0${ctx.backupId}\0${ctx.path}`, 'utf8')]);
}

function checkKey(key: Buffer): Buffer {
  if (key.length !== DATA_KEY_BYTES) {
    throw new EngineError('invalid_argument', `a data key must be ${DATA_KEY_BYTES} bytes, got ${key.length}`);
  }
  return key;
}

async function* single(buffer: Buffer): AsyncGenerator<Buffer> {
  yield buffer;
}
