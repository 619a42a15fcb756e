/**
 * Authentication: `Authorization: Bearer <Firebase ID token>` verified by firebase-admin (revocation checked when the
 * route asks, i.e. for every mutating request), or a scheduler credential — the `X-Backup-Scheduler-Secret` header
 * compared in constant time with the configured secret, or a Google-signed OIDC token whose email is the configured
 * scheduler service account. There is no switch that turns authentication off.
 */
import { timingSafeEqual, createHash } from 'node:crypto';

import type { Auth } from 'firebase-admin/auth';

import { ApiError } from './errors';
import { roleFromClaims, type Caller } from './roles';

export const SCHEDULER_SECRET_HEADER = 'x-backup-scheduler-secret';
const MAX_TOKEN_LENGTH = 16_384;
const GOOGLE_ISSUERS = new Set(['https://accounts.google.com', 'accounts.google.com']);

/** Verifies a Google-signed OIDC token (Cloud Scheduler's) for one of `audiences`. */
export interface OidcVerifier {
  verify(token: string, audiences: string[]): Promise<{ email?: string; emailVerified: boolean }>;
}

export interface AuthenticatorOptions {
  /** firebase-admin Auth of the project that issues the users' ID tokens. */
  auth: Auth;
  scheduler: { secret?: string; serviceAccount?: string };
  /** Needed only when `scheduler.serviceAccount` is set. */
  oidc?: OidcVerifier;
  /** Accepted OIDC audiences; default: the request URL without query, and its origin. */
  oidcAudiences?: string[];
}

function unauthenticated(message: string, cause?: unknown): ApiError {
  return new ApiError('unauthenticated', message, { headers: { 'www-authenticate': 'Bearer' }, cause });
}

/** Constant-time comparison of two strings of any length (hashing first evens out the lengths). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

function unverifiedClaim(token: string, name: 'iss' | 'sub'): string | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const value = (claims as Record<string, unknown>)[name];
    return typeof value === 'string' ? value.slice(0, 128) : undefined;
  } catch {
    return undefined;
  }
}

/** The issuer claim of a JWT, read without verifying it (only to choose the verifier). */
export function unverifiedIssuer(token: string): string | undefined {
  return unverifiedClaim(token, 'iss');
}

/**
 * The subject a refused bearer token claims, unverified: recorded in the audit entry of the refusal (marked as
 * unverified) so an investigator can see whose revoked or expired token was used.
 */
export function claimedSubject(req: Request): string | undefined {
  const match = /^Bearer\s+(\S{1,16384})\s*$/i.exec(req.headers.get('authorization') ?? '');
  return match?.[1] ? unverifiedClaim(match[1], 'sub') : undefined;
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.get('authorization');
  if (header === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthenticated('the Authorization header must be "Bearer <Firebase ID token>"');
  if (match[1].length > MAX_TOKEN_LENGTH) throw unauthenticated('the bearer token is too long to be an ID token');
  return match[1];
}

/** Firebase Auth error codes that mean "this token is not acceptable" rather than "the backend failed". */
function isTokenRejection(code: string): boolean {
  return /^auth\/(id-token-|argument-error|invalid-|user-disabled|user-not-found|project-not-found)/.test(code);
}

async function verifyFirebaseToken(opts: AuthenticatorOptions, token: string, checkRevoked: boolean): Promise<Caller> {
  try {
    const decoded = await opts.auth.verifyIdToken(token, checkRevoked);
    return { kind: 'user', uid: decoded.uid, email: decoded.email, role: roleFromClaims(decoded) };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code === 'auth/id-token-revoked') throw unauthenticated('the ID token was revoked; sign in again', err);
    if (typeof code === 'string' && code === 'auth/id-token-expired') throw unauthenticated('the ID token expired; refresh it and retry', err);
    if (typeof code === 'string' && isTokenRejection(code)) throw unauthenticated('the ID token is invalid', err);
    throw new ApiError('unavailable', 'could not verify the ID token right now; retry shortly', { cause: err });
  }
}

async function verifySchedulerOidc(opts: AuthenticatorOptions, req: Request, token: string): Promise<Caller> {
  const expected = opts.scheduler.serviceAccount;
  if (expected === undefined || opts.oidc === undefined) throw unauthenticated('Google OIDC tokens are accepted only from the configured scheduler service account');
  const url = new URL(req.url);
  const audiences = opts.oidcAudiences ?? [`${url.origin}${url.pathname}`, url.origin];
  const identity = await opts.oidc.verify(token, audiences).catch((err: unknown) => {
    throw unauthenticated('the OIDC token is invalid', err);
  });
  if (!identity.emailVerified || identity.email !== expected) throw unauthenticated('the OIDC token is not the configured scheduler service account');
  return { kind: 'scheduler', via: 'oidc', email: identity.email, role: 'operator' };
}

/**
 * Who is calling. Throws `unauthenticated` (401, `WWW-Authenticate: Bearer`) for a missing, malformed, invalid,
 * expired or revoked credential. `checkRevoked` costs one Auth lookup, so routes ask for it on mutating requests.
 */
export async function authenticate(req: Request, opts: AuthenticatorOptions, { checkRevoked }: { checkRevoked: boolean }): Promise<Caller> {
  const secret = req.headers.get(SCHEDULER_SECRET_HEADER);
  if (secret !== null) {
    const expected = opts.scheduler.secret;
    if (expected === undefined || !secretsEqual(secret, expected)) throw unauthenticated('the scheduler secret is not accepted');
    return { kind: 'scheduler', via: 'secret', role: 'operator' };
  }
  const token = bearerToken(req);
  if (token === undefined) throw unauthenticated('sign in: send "Authorization: Bearer <Firebase ID token>"');
  const issuer = unverifiedIssuer(token);
  if (issuer !== undefined && GOOGLE_ISSUERS.has(issuer)) return verifySchedulerOidc(opts, req, token);
  return verifyFirebaseToken(opts, token, checkRevoked);
}
