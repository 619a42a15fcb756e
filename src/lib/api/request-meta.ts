/** Per-request facts the API records: request id, client address, and a bounded read of the body. */
import { randomBytes } from 'node:crypto';

import { ApiError } from './errors';
import { PEER_ADDRESS_HEADER } from './peer-address';

/** Bodies above this are refused before parsing; every request schema fits far below it. */
export const MAX_BODY_BYTES = 512 * 1024;

/** The caller's `x-request-id` when it is a short safe token, else a fresh random id. */
export function requestIdOf(req: Request): string {
  const given = req.headers.get('x-request-id');
  return given !== null && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomBytes(8).toString('hex');
}

function address(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v && /^[0-9A-Fa-f:.[\]]{2,64}$/.test(v) ? v : undefined;
}

/** Where the client address comes from: how many proxies in front append to `x-forwarded-for`, and whether the peer header is ours. */
export interface ClientAddressPolicy {
  /** BACKUP_TRUSTED_PROXY_HOPS. */
  trustedProxyHops: number;
  /** True when this process's HTTP server stamps PEER_ADDRESS_HEADER on every request (peer-address.ts). */
  peerStamped: boolean;
}

/**
 * The client address. With `trustedProxyHops` = N ≥ 1, the N-th entry from the right of `x-forwarded-for`: each
 * trusted proxy appends the address it saw (Cloud Run's front end appends the client's, so N = 1 there), so entries
 * further left are whatever the client sent. Next.js passes an incoming `x-forwarded-for` through unchanged and fills
 * it with the socket address only when it is missing (next 16.4.6, node_modules/next/dist/server/base-server.js:
 * `req.headers['x-forwarded-for'] ??= originalRequest.socket.remoteAddress`), so a shorter chain ends with an address
 * a trusted hop or the socket gave: the leftmost one is used then.
 * With 0 (no proxy), the socket address, which route handlers cannot see: only the peer header our own server stamps
 * (overwriting any client value) carries it. Without that server the address is unknown, never a client's claim.
 */
export function clientIp(req: Request, policy: ClientAddressPolicy): string | undefined {
  if (policy.trustedProxyHops === 0) return policy.peerStamped ? address(req.headers.get(PEER_ADDRESS_HEADER) ?? undefined) : undefined;
  const chain = (req.headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (chain.length === 0) return undefined;
  return address(chain[Math.max(0, chain.length - policy.trustedProxyHops)]);
}

function tooLarge(): ApiError {
  return new ApiError('payload_too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`);
}

/**
 * Reads the body as UTF-8 text, chunk by chunk, and stops as soon as more than `max` bytes arrived: the stream is
 * cancelled and `payload_too_large` thrown without reading the rest (a declared Content-Length above it is refused
 * before reading anything).
 */
export async function readBodyText(req: Request, max = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > max) throw tooLarge();
  if (req.body === null) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel('body too large').catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
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
