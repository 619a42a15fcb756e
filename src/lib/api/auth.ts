/**
 * Authentication: `Authorization: Bearer <Firebase ID token>` verified by firebase-admin, then checked against the
 * account it names (one Auth lookup per request: disabled and revoked accounts are refused on reads too, and the role
 * comes from the account's current custom claims), or a scheduler credential — the `X-Backup-Scheduler-Secret` header
 * compared in constant time with the configured secret, or a Google-signed OIDC token whose email is the configured
 * scheduler service account. There is no switch that turns authentication off.
 *
 * Against the Auth emulator firebase-admin checks no signature (the emulator's tokens are unsigned, `alg: none`), so
 * anyone can write a token: its body proves nothing. There a token must agree with the account it names (same role
 * claims, same email), and the role is always the account's. What remains — a token written for a known uid — is why
 * config.ts allows the Auth emulator only on loopback and only for `demo-` projects.
 */
import { timingSafeEqual, createHash } from 'node:crypto';

import type { Auth, DecodedIdToken, UserRecord } from 'firebase-admin/auth';

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
  /** The users' tokens come from the Auth emulator (FIREBASE_AUTH_EMULATOR_HOST): unsigned, so never trusted alone. */
  emulator?: boolean;
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

function unverifiedPart(token: string, index: 0 | 1): Record<string, unknown> | undefined {
  const part = token.split('.')[index];
  if (part === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function unverifiedClaim(token: string, name: 'iss' | 'sub'): string | undefined {
  const value = unverifiedPart(token, 1)?.[name];
  return typeof value === 'string' ? value.slice(0, 128) : undefined;
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

function tokenError(err: unknown): ApiError {
  const code = (err as { code?: unknown }).code;
  if (code === 'auth/id-token-revoked') return unauthenticated('the ID token was revoked; sign in again', err);
  if (code === 'auth/id-token-expired') return unauthenticated('the ID token expired; refresh it and retry', err);
  if (code === 'auth/user-disabled') return unauthenticated('the account is disabled', err);
  if (typeof code === 'string' && isTokenRejection(code)) return unauthenticated('the ID token is invalid', err);
  return new ApiError('unavailable', 'could not verify the ID token right now; retry shortly', { cause: err });
}

/** The checks of firebase-admin's `verifyIdToken(token, true)` (base-auth.js), on the record read once for the role too. */
function assertCurrent(decoded: DecodedIdToken, user: UserRecord): void {
  if (user.disabled) throw unauthenticated('the account is disabled');
  const validSince = user.tokensValidAfterTime === undefined ? Number.NaN : Date.parse(user.tokensValidAfterTime);
  if (decoded.auth_time * 1000 < validSince) throw unauthenticated('the ID token was revoked; sign in again');
}

/**
 * An unsigned token (the Auth emulator's) must say what the emulator would have written for this account. A claim the
 * account does not hold means the token was written by hand, or before the account's roles changed: sign in again.
 */
function assertMatchesAccount(decoded: DecodedIdToken, user: UserRecord): void {
  const held = user.customClaims ?? {};
  const sameRole = decoded.admin === held.admin && decoded.backupRole === held.backupRole;
  if (!sameRole || decoded.email !== user.email) throw unauthenticated('the ID token does not match its account (forged, or issued before the account changed); sign in again');
}

/** Signature checked by firebase-admin: not emulator mode, and the header firebase-admin demands outside it. */
function isSigned(opts: AuthenticatorOptions, token: string): boolean {
  const header = unverifiedPart(token, 0);
  return opts.emulator !== true && header?.alg === 'RS256' && typeof header.kid === 'string';
}

async function verifyFirebaseToken(opts: AuthenticatorOptions, token: string): Promise<Caller> {
  let decoded: DecodedIdToken;
  let user: UserRecord;
  try {
    decoded = await opts.auth.verifyIdToken(token);
    user = await opts.auth.getUser(decoded.uid);
  } catch (err) {
    throw tokenError(err);
  }
  assertCurrent(decoded, user);
  if (!isSigned(opts, token)) assertMatchesAccount(decoded, user);
  // The account's claims, not the token's: verified in every mode, and a removed role is gone at once.
  return { kind: 'user', uid: user.uid, email: user.email, role: roleFromClaims(user.customClaims ?? {}) };
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
 * expired or revoked credential, or a disabled account — on every request, reads included: the account lookup this
 * costs (one Identity Toolkit `accounts:lookup`) also yields the role.
 */
export async function authenticate(req: Request, opts: AuthenticatorOptions): Promise<Caller> {
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
  return verifyFirebaseToken(opts, token);
}
