/**
 * Timestamps between proto `{seconds, nanos}` and RFC 3339 text in the proto3 JSON canonical form the REST API uses:
 * no fraction for whole seconds, else 3, 6 or 9 digits. Firestore stores microseconds, so values read back never
 * need 9 digits; a 9-digit value written is truncated to the microsecond by Firestore itself (not by us, so a
 * backup of something else that carries nanoseconds keeps them in the file).
 */
import { EngineError } from '../../errors';
import { wholeSeconds } from '../../format/civil-time';

import type { ProtoTimestamp } from './proto-types';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;
const MIN_SECONDS = -62_135_596_800n; // 0001-01-01T00:00:00Z
const MAX_SECONDS = 253_402_300_799n; // 9999-12-31T23:59:59Z

/** The last whole second formatted: documents read together mostly share it (create/update times, timestamps). */
let lastSeconds = Number.NaN;
let lastWhole = '';
/** The last instant formatted, in full. */
let lastNanos = Number.NaN;
let lastText = '';

/** Proto timestamp → `2024-01-02T03:04:05.123456Z`. `seconds` may be a string (int64 decoded with `longs: String`). */
export function formatTimestamp(ts: ProtoTimestamp): string {
  const seconds = Number(ts.seconds ?? 0);
  const nanos = Number(ts.nanos ?? 0);
  // A document's createTime and updateTime are often the same instant.
  if (seconds === lastSeconds && nanos === lastNanos) return lastText;
  lastNanos = nanos;
  lastText = format(seconds, nanos);
  return lastText;
}

function format(seconds: number, nanos: number): string {
  if (seconds !== lastSeconds) {
    lastWhole = wholeSeconds(seconds);
    lastSeconds = seconds;
  }
  const whole = lastWhole;
  if (nanos === 0) return `${whole}Z`;
  if (nanos % 1_000_000 === 0) return `${whole}.${String(nanos / 1_000_000).padStart(3, '0')}Z`;
  if (nanos % 1_000 === 0) return `${whole}.${String(nanos / 1_000).padStart(6, '0')}Z`;
  return `${whole}.${String(nanos).padStart(9, '0')}Z`;
}

/** RFC 3339 (any offset, 0–9 fractional digits) → proto timestamp. Throws `invalid_argument` naming `at`. */
export function parseTimestamp(text: string, at: string): { seconds: string; nanos: number } {
  const m = typeof text === 'string' ? RFC3339.exec(text) : null;
  if (m === null) throw new EngineError('invalid_argument', `${at}: timestampValue must be RFC 3339, got ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as string[];
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0..99 to 1900..1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), 0);
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new EngineError('invalid_argument', `${at}: timestampValue ${JSON.stringify(text)} is not a valid date`);
  }
  let seconds = BigInt(date.getTime() / 1000);
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1n : 1n;
    seconds -= sign * (BigInt(zone.slice(1, 3)) * 3600n + BigInt(zone.slice(4, 6)) * 60n);
  }
  if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
    throw new EngineError('invalid_argument', `${at}: timestampValue ${text} is outside 0001-01-01..9999-12-31`);
  }
  return { seconds: seconds.toString(), nanos: Number((frac ?? '').padEnd(9, '0')) };
}

/** A JS Date → proto timestamp (millisecond precision, which any readTime accepts). */
export function dateToTimestamp(date: Date): { seconds: string; nanos: number } {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

/** Proto timestamp → JS Date (sub-millisecond digits dropped; use {@link formatTimestamp} to keep them). */
export function timestampToDate(ts: ProtoTimestamp): Date {
  return new Date(Number(ts.seconds ?? 0) * 1000 + Math.floor(Number(ts.nanos ?? 0) / 1_000_000));
}
