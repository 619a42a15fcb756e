/** Per-request facts the API records: request id, client IP, and a bounded read of the body. */
import { randomBytes } from 'node:crypto';

import { ApiError } from './errors';

/** Bodies above this are refused before parsing; every request schema fits far below it. */
export const MAX_BODY_BYTES = 512 * 1024;

/** The caller's `x-request-id` when it is a short safe token, else a fresh random id. */
export function requestIdOf(req: Request): string {
  const given = req.headers.get('x-request-id');
  return given !== null && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomBytes(8).toString('hex');
}

/** The client address: the first `x-forwarded-for` hop (set by the load balancer), else undefined. */
export function clientIp(req: Request): string | undefined {
  const first = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return first && /^[0-9A-Fa-f:.[\]]{2,64}$/.test(first) ? first : undefined;
}

/** Reads the body as text, refusing more than MAX_BODY_BYTES. */
export async function readBodyText(req: Request): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new ApiError('payload_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = await req.text();
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw new ApiError('payload_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
  return text;
}

/** Parses JSON text; an empty body is `{}`; malformed JSON is `invalid_json` (400). */
export function parseJsonText(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('invalid_json', 'the request body is not valid JSON');
  }
}

/** The top-level field names of a body, for audit entries of refused requests (values are not stored unparsed). */
export function fieldNames(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  return Object.keys(raw).slice(0, 20).map((k) => k.slice(0, 64));
}
