/**
 * Comparing a backup's documents with a live database field by field: canonical content hashes (for the target index
 * a restore diffs against, ~40 bytes per document) and a direct comparison with the same meaning (for reading back
 * what was just written, where both documents are at hand and hashing would cost several times more).
 */
import { createHash } from 'node:crypto';

import type { FirestoreValueJson } from '../../format/firestore-value-json';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  // -0 must differ from 0: JSON.stringify(-0) is "0".
  if (typeof value === 'number' && Object.is(value, -0)) return '"-0"';
  return JSON.stringify(value);
}

/** Normalises encodings that mean the same stored value (an empty map with or without `fields`, -0 spelled either way). */
function normalise(value: FirestoreValueJson): unknown {
  if ('doubleValue' in value) return { doubleValue: Object.is(value.doubleValue, -0) ? '-0' : value.doubleValue };
  if ('arrayValue' in value) return { arrayValue: (value.arrayValue.values ?? []).map(normalise) };
  if ('mapValue' in value) return { mapValue: normaliseFields(value.mapValue.fields ?? {}) };
  if ('timestampValue' in value) return { timestampValue: normaliseTimestamp(value.timestampValue) };
  return value;
}

/** RFC 3339 → `…T…[.ffffff]Z` with trailing zeros dropped, so `.120000Z` and `.12Z` compare equal. */
function normaliseTimestamp(text: string): string {
  const d = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(text);
  if (!d) return text;
  const frac = (d[2] ?? '').replace(/0+$/, '');
  return frac ? `${d[1]}.${frac}Z` : `${d[1]}Z`;
}

function normaliseFields(fields: Record<string, FirestoreValueJson>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = normalise(v);
  return out;
}

/** SHA-256 (hex, 32 chars kept) of a document's fields in canonical form. */
export function contentHash(fields: Record<string, FirestoreValueJson>): string {
  return createHash('sha256').update(canonical(normaliseFields(fields))).digest('hex').slice(0, 32);
}

/** True when every field of `subset` is present in `fields` with the same value (a merge restore's guarantee). */
export function containsFields(fields: Record<string, FirestoreValueJson>, subset: Record<string, FirestoreValueJson>): boolean {
  for (const k in subset) {
    const have = fields[k];
    if (have === undefined || !sameValue(have, subset[k] as FirestoreValueJson)) return false;
  }
  return true;
}

/** True when both documents hold the same fields with the same values: `contentHash(a) === contentHash(b)`, faster. */
export function sameFields(a: Record<string, FirestoreValueJson>, b: Record<string, FirestoreValueJson>): boolean {
  let n = 0;
  for (const k in a) {
    n++;
    const other = b[k];
    if (other === undefined || !sameValue(a[k] as FirestoreValueJson, other)) return false;
  }
  for (const _k in b) n--;
  return n === 0;
}

const EMPTY: Record<string, FirestoreValueJson> = {};

/** One Value against another, with {@link normalise}'s equivalences. */
function sameValue(a: FirestoreValueJson, b: FirestoreValueJson): boolean {
  if ('stringValue' in a) return 'stringValue' in b && a.stringValue === b.stringValue;
  if ('integerValue' in a) return 'integerValue' in b && a.integerValue === b.integerValue;
  if ('doubleValue' in a) {
    if (!('doubleValue' in b)) return false;
    const x = a.doubleValue;
    const y = b.doubleValue;
    // Object.is: -0 differs from 0, NaN equals NaN. Mixed spellings ('-0' vs -0) go through the canonical form.
    return typeof x === 'number' && typeof y === 'number' ? Object.is(x, y) : canonical(normalise(a)) === canonical(normalise(b));
  }
  if ('timestampValue' in a) return 'timestampValue' in b && (a.timestampValue === b.timestampValue || normaliseTimestamp(a.timestampValue) === normaliseTimestamp(b.timestampValue));
  if ('mapValue' in a) return 'mapValue' in b && sameFields(a.mapValue.fields ?? EMPTY, b.mapValue.fields ?? EMPTY);
  if ('arrayValue' in a) {
    if (!('arrayValue' in b)) return false;
    const x = a.arrayValue.values ?? [];
    const y = b.arrayValue.values ?? [];
    return x.length === y.length && x.every((v, i) => sameValue(v, y[i] as FirestoreValueJson));
  }
  if ('booleanValue' in a) return 'booleanValue' in b && a.booleanValue === b.booleanValue;
  if ('nullValue' in a) return 'nullValue' in b;
  if ('referenceValue' in a) return 'referenceValue' in b && a.referenceValue === b.referenceValue;
  if ('bytesValue' in a) return 'bytesValue' in b && a.bytesValue === b.bytesValue;
  if ('geoPointValue' in a) {
    return 'geoPointValue' in b && Object.is(a.geoPointValue.latitude, b.geoPointValue.latitude) && Object.is(a.geoPointValue.longitude, b.geoPointValue.longitude);
  }
  return canonical(normalise(a)) === canonical(normalise(b)); // not a Value this format writes
}
