/**
 * {@link KeyWrapper} over a 32-byte key-encryption key (KEK) from the environment (`BACKUP_ENCRYPTION_KEY` with its
 * id `BACKUP_ENCRYPTION_KEY_ID`, parsed by config.ts). Data keys are wrapped with AES-256-GCM.
 *
 * The wrapped form is one self-describing base64 string, so a manifest alone says how to unwrap it:
 * ```
 * "FBKW" | version (1) | key id length (1 byte) | key id (UTF-8) | IV (12) | wrapped key (32) | GCM tag (16)
 * ```
 * Everything before the IV is authenticated data: editing the key id inside the wrapped form breaks authentication.
 * Rotating the KEK means a new key id; old backups still name the id they need.
 */
import { createCipheriv, createDecipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';
import { EngineError } from '../../errors';
import type { KeyWrapper } from '../../ports';

const MAGIC = Buffer.from('FBKW', 'ascii');
const VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface EnvKeyWrapperOptions {
  /** 1-64 letters, digits, dot, dash or underscore (config.ts validates the environment's value). */
  keyId: string;
  /** The 32-byte KEK. */
  key: Buffer;
  /** Randomness source, injectable for deterministic tests; defaults to `crypto.randomBytes`. */
  randomBytes?: (size: number) => Buffer;
}

/** Wraps data keys with a KEK held in memory. The KEK never leaves this object. */
export class EnvKeyWrapper implements KeyWrapper {
  readonly keyId: string;
  readonly #kek: Buffer;
  readonly #randomBytes: (size: number) => Buffer;

  constructor(options: EnvKeyWrapperOptions) {
    if (options.key.length !== KEY_BYTES) {
      throw new EngineError('invalid_argument', `key id ${options.keyId}: the key must be ${KEY_BYTES} bytes, got ${options.key.length}`);
    }
    const idBytes = Buffer.byteLength(options.keyId, 'utf8');
    if (idBytes === 0 || idBytes > 255) throw new EngineError('invalid_argument', 'a key id must be 1-255 bytes');
    this.keyId = options.keyId;
    this.#kek = Buffer.from(options.key);
    this.#randomBytes = options.randomBytes ?? nodeRandomBytes;
  }

  async wrap(dataKey: Buffer): Promise<string> {
    if (dataKey.length !== KEY_BYTES) {
      throw new EngineError('invalid_argument', `a data key must be ${KEY_BYTES} bytes, got ${dataKey.length}`);
    }
    const id = Buffer.from(this.keyId, 'utf8');
    const header = Buffer.concat([MAGIC, Buffer.from([VERSION, id.length]), id]);
    const iv = this.#randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#kek, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([header, iv, body, cipher.getAuthTag()]).toString('base64');
  }

  async unwrap(wrapped: string, keyId: string): Promise<Buffer> {
    if (keyId !== this.keyId) {
      throw new EngineError(
        'integrity',
        `cannot unwrap the data key: it needs key id ${keyId}, but the configured key is key id ${this.keyId}`,
        { details: { keyId, configuredKeyId: this.keyId } },
      );
    }
    const parsed = parseWrapped(wrapped, keyId);
    if (parsed.keyId !== keyId) {
      throw new EngineError(
        'integrity',
        `cannot unwrap the data key: the manifest names key id ${keyId} but the wrapped key was made with key id ${parsed.keyId}`,
        { details: { keyId, wrappedKeyId: parsed.keyId } },
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#kek, parsed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(parsed.header);
    decipher.setAuthTag(parsed.tag);
    try {
      return Buffer.concat([decipher.update(parsed.body), decipher.final()]);
    } catch (cause) {
      throw new EngineError('integrity', `cannot unwrap the data key: wrong key for key id ${keyId} (or the wrapped key was altered)`, {
        cause,
        details: { keyId },
      });
    }
  }
}

interface WrappedParts {
  header: Buffer;
  keyId: string;
  iv: Buffer;
  body: Buffer;
  tag: Buffer;
}

function parseWrapped(wrapped: string, keyId: string): WrappedParts {
  const bytes = /^[A-Za-z0-9+/]+=*$/.test(wrapped) ? Buffer.from(wrapped, 'base64') : Buffer.alloc(0);
  const idLength = bytes[MAGIC.length + 1] ?? 0;
  const headerLength = MAGIC.length + 2 + idLength;
  const ok =
    bytes.length === headerLength + IV_BYTES + KEY_BYTES + TAG_BYTES &&
    MAGIC.equals(bytes.subarray(0, MAGIC.length)) &&
    bytes[MAGIC.length] === VERSION;
  if (!ok) {
    throw new EngineError('integrity', `cannot unwrap the data key for key id ${keyId}: not a wrapped key of this tool (bad format)`, {
      details: { keyId },
    });
  }
  const ivStart = headerLength;
  const bodyStart = ivStart + IV_BYTES;
  return {
    header: bytes.subarray(0, headerLength),
    keyId: bytes.subarray(MAGIC.length + 2, headerLength).toString('utf8'),
    iv: bytes.subarray(ivStart, bodyStart),
    body: bytes.subarray(bodyStart, bodyStart + KEY_BYTES),
    tag: bytes.subarray(bodyStart + KEY_BYTES),
  };
}
