/**
 * Object keys of a BackupStore. One validator shared by every adapter so the same key means the same object on
 * `gs://`, `file://` and `memory://`, and so no key can escape a store's root on disk.
 *
 * A key is `/`-separated, relative, made of non-empty segments, and at most 1024 UTF-8 bytes (Cloud Storage's object
 * name limit, https://cloud.google.com/storage/docs/objects#naming, which also forbids CR/LF and `.`/`..` names).
 */
import { EngineError } from './errors';

/** Cloud Storage's limit on object names, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/**
 * Segments starting with this are reserved for adapters' in-flight scratch files (the file store's temp files live
 * beside their target). Reserving them in every store keeps one key space: a key valid on disk is valid in a bucket.
 */
export const RESERVED_SEGMENT_PREFIX = '.~';

// Control characters (C0 and DEL) break listings, logs and some file systems.
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one: not encodable as UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const DRIVE_LETTER = /^[A-Za-z]:/;

/**
 * Returns `key` if it is a valid object key; otherwise throws EngineError `invalid_argument` naming the key and the
 * reason. Keys are not rewritten (no trimming, no case or Unicode folding): a key names exactly one object everywhere.
 */
export function normalizeKey(key: string): string {
  const reason = keyProblem(key, 'key');
  if (reason !== undefined) throw invalidKey('key', key, reason);
  return key;
}

/**
 * Validates a `list` prefix. The empty prefix selects every object. A prefix matches keys by plain string prefix, so
 * `a/` selects `a/x` but not `ab/x`, while `a` selects both. A trailing `/` is kept; empty segments elsewhere are not.
 */
export function normalizePrefix(prefix: string): string {
  if (prefix === '') return prefix;
  // Without a trailing `/` the last segment is partial: `.` or `..` there only filters names (`.` matches `.x`).
  const body = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix.replace(/(^|\/)\.\.?$/, '$1_');
  const reason = body === '' ? 'is absolute (starts with /)' : keyProblem(body, 'prefix');
  if (reason !== undefined) throw invalidKey('prefix', prefix, reason);
  return prefix;
}

/**
 * Joins key parts with `/` and validates the result. Parts may themselves contain `/`; empty parts are refused
 * (they would create an empty segment), so `joinKey(prefix, name)` never silently drops a missing prefix.
 */
export function joinKey(...parts: string[]): string {
  const joined = parts.join('/');
  const empty = parts.findIndex((p) => p === '');
  if (empty !== -1) throw invalidKey('key', joined, `joinKey part ${empty} is empty`);
  return normalizeKey(joined);
}

/**
 * Orders keys as Cloud Storage lists them: by UTF-8 bytes, which is Unicode code point order. JavaScript's `<`
 * compares UTF-16 code units and disagrees for characters above U+FFFF against U+E000–U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Why `key` is not a valid key, or undefined when it is. */
function keyProblem(key: string, what: 'key' | 'prefix'): string | undefined {
  if (key === '') return `${what} is empty`;
  if (LONE_SURROGATE.test(key)) return 'contains an unpaired surrogate (not valid UTF-8)';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return `longer than ${MAX_KEY_BYTES} UTF-8 bytes`;
  if (CONTROL_CHAR.test(key)) return 'contains a control character';
  if (key.includes('\\')) return 'contains a backslash (keys are /-separated)';
  if (key.startsWith('/')) return 'is absolute (starts with /)';
  if (DRIVE_LETTER.test(key)) return 'is absolute (starts with a drive letter)';
  return segmentProblem(key.split('/'));
}

function segmentProblem(segments: readonly string[]): string | undefined {
  for (const segment of segments) {
    if (segment === '') return 'has an empty segment';
    if (segment === '.' || segment === '..') return `has a "${segment}" segment`;
    if (segment.startsWith(RESERVED_SEGMENT_PREFIX)) return `has a segment starting with "${RESERVED_SEGMENT_PREFIX}" (reserved)`;
  }
  return undefined;
}

function invalidKey(what: 'key' | 'prefix', value: string, reason: string): EngineError {
  // JSON.stringify shows control characters escaped, so the message stays one readable line.
  const shown = value.length > 200 ? `${JSON.stringify(value.slice(0, 200))}…` : JSON.stringify(value);
  return new EngineError('invalid_argument', `invalid object ${what} ${shown}: ${reason}`, { details: { [what]: value, reason } });
}

/** True when `key` is a valid store key (see normalizeKey); for listings that skip foreign files. */
export function isValidKey(key: string): boolean {
  try {
    normalizeKey(key);
    return true;
  } catch {
    return false;
  }
}
