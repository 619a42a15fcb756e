/**
 * Audit params as they are stored and hashed: secrets redacted, values reduced to plain JSON every control store can
 * keep and give back unchanged (so a hash computed at append time still matches after a round trip).
 */

/** Keys whose values are never written to the audit trail, at any depth. */
export const SECRET_KEY = /key|secret|password|token/i;
export const REDACTED = '<redacted>';
/** Longer strings are cut: an audit entry must stay far below Firestore's 1 MiB document limit. */
export const MAX_STRING = 2_000;
const MAX_DEPTH = 12;

/**
 * Redacts secrets and normalises to JSON: Dates become ISO strings, bigints decimal strings, non-finite numbers and
 * -0 their JSON forms, `undefined`, functions and symbols are dropped. An array directly inside an array becomes its
 * JSON text, because Firestore cannot store nested arrays; structure deeper than 12 levels is cut to `"<truncated>"`.
 */
export function sanitizeParams(params: Record<string, unknown>): Record<string, unknown> {
  return sanitizeObject(params, 0);
}

function sanitizeObject(obj: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (SECRET_KEY.test(key)) {
      out[key] = REDACTED;
      continue;
    }
    const clean = sanitizeValue(value, depth + 1, false);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

function sanitizeValue(value: unknown, depth: number, inArray: boolean): unknown {
  if (value === null) return null;
  if (depth > MAX_DEPTH) return '<truncated>';
  switch (typeof value) {
    case 'string':
      return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…(${value.length} chars)` : value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null; // `+ 0` turns -0 into 0, as JSON does
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      return sanitizeObjectLike(value, depth, inArray);
    default:
      return undefined;
  }
}

function sanitizeObjectLike(value: object, depth: number, inArray: boolean): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) {
    const items = value.map((v: unknown) => sanitizeValue(v, depth + 1, true) ?? null);
    return inArray ? JSON.stringify(items) : items;
  }
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  return sanitizeObject(value as Record<string, unknown>, depth);
}
