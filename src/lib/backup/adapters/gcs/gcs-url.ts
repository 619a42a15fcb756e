/**
 * `gs://bucket/prefix` ⇄ bucket and object-name prefix. The prefix is a key path (store-key.ts rules) so every object
 * name is `<prefix>/<key>`, and two stores on the same bucket with different prefixes never see each other's objects.
 */
import { EngineError } from '../../errors';
import { normalizeKey } from '../../store-key';

/** Where a GCS store lives. `prefix` has no leading or trailing `/`; empty means the bucket's root. */
export interface GcsLocation {
  bucket: string;
  prefix: string;
}

// https://cloud.google.com/storage/docs/buckets#naming: lowercase letters, digits, `-`, `_`, `.`; starts and ends
// with a letter or digit; 3–63 characters (up to 222 when dotted, each dot-separated part at most 63).
const BUCKET_NAME = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

/** Parses `gs://bucket[/prefix[/]]`; invalid_argument naming the URL and the problem otherwise. */
export function parseGcsUrl(url: string): GcsLocation {
  const fail = (reason: string, cause?: unknown): never => {
    throw new EngineError('invalid_argument', `invalid GCS store URL ${JSON.stringify(url)}: ${reason}`, { cause, details: { url, reason } });
  };
  if (!url.startsWith('gs://')) fail('expected gs://bucket/prefix');
  const rest = url.slice('gs://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const prefix = (slash === -1 ? '' : rest.slice(slash + 1)).replace(/\/$/, '');
  if (!isBucketName(bucket)) fail(`${JSON.stringify(bucket)} is not a valid bucket name`);
  if (prefix !== '') {
    try {
      normalizeKey(prefix);
    } catch (err) {
      fail(`prefix ${JSON.stringify(prefix)} is not a valid object path`, err);
    }
  }
  return { bucket, prefix };
}

/** The canonical URL of a location (no trailing slash). */
export function gcsUrl(loc: GcsLocation): string {
  return loc.prefix === '' ? `gs://${loc.bucket}` : `gs://${loc.bucket}/${loc.prefix}`;
}

function isBucketName(name: string): boolean {
  if (!BUCKET_NAME.test(name) || name.includes('..')) return false;
  const parts = name.split('.');
  if (parts.some((p) => p.length > 63)) return false;
  // Names that look like IP addresses and the `goog` prefix are refused by Cloud Storage.
  return !/^\d+\.\d+\.\d+\.\d+$/.test(name) && !name.startsWith('goog');
}
