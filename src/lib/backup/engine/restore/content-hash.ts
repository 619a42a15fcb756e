/** Canonical content hashes of documents, to compare a backup with a live database field by field. */
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
  return Object.entries(subset).every(([k, v]) => {
    const have = fields[k];
    return have !== undefined && canonical(normalise(have)) === canonical(normalise(v));
  });
}
