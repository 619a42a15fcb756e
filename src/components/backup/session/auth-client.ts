/**
 * Email/password sign-in against Firebase Authentication's REST API (Identity Toolkit), without the Firebase web
 * SDK: the portal needs an ID token and its refresh, nothing more. The same calls reach the Auth emulator when an
 * emulator host is configured (https://firebase.google.com/docs/reference/rest/auth).
 *
 * Pure functions plus `fetch`: no React, so the unit tests exercise it directly.
 */
import type { BackupRole } from '@/config/backup-tabs';

/** Where the browser signs in; server-rendered from the environment. */
export interface AuthEndpoint {
  apiKey: string;
  /** host:port of the Auth emulator; absent in production. */
  emulatorHost?: string;
}

/** The tokens of a signed-in user, kept in sessionStorage for the tab's lifetime. */
export interface StoredSession {
  idToken: string;
  refreshToken: string;
  /** Epoch ms when the ID token expires. */
  expiresAt: number;
}

/** Claims the portal displays (decoded, not verified: the API verifies). */
export interface TokenClaims {
  email?: string;
  uid: string;
  role: BackupRole | null;
}

/** Refused sign-ins carry Identity Toolkit's code (`INVALID_LOGIN_CREDENTIALS`, …) and a message for people. */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const FRIENDLY: Record<string, string> = {
  INVALID_LOGIN_CREDENTIALS: 'The email or password is not correct.',
  INVALID_PASSWORD: 'The email or password is not correct.',
  EMAIL_NOT_FOUND: 'The email or password is not correct.',
  USER_DISABLED: 'This account is disabled.',
  TOO_MANY_ATTEMPTS_TRY_LATER: 'Too many attempts: try again later.',
  INVALID_EMAIL: 'That is not a valid email address.',
  TOKEN_EXPIRED: 'Your session has expired: sign in again.',
  INVALID_REFRESH_TOKEN: 'Your session has expired: sign in again.',
};

/** Base URL of a Google auth service, or of its emulator path (`http://host/identitytoolkit.googleapis.com`). */
export function serviceBase(endpoint: AuthEndpoint, service: 'identitytoolkit' | 'securetoken'): string {
  const host = `${service}.googleapis.com`;
  return endpoint.emulatorHost ? `http://${endpoint.emulatorHost}/${host}` : `https://${host}`;
}

/** The URL of `accounts:signInWithPassword`. */
export function signInUrl(endpoint: AuthEndpoint): string {
  return `${serviceBase(endpoint, 'identitytoolkit')}/v1/accounts:signInWithPassword?key=${encodeURIComponent(endpoint.apiKey)}`;
}

/** The URL of the token refresh endpoint. */
export function refreshUrl(endpoint: AuthEndpoint): string {
  return `${serviceBase(endpoint, 'securetoken')}/v1/token?key=${encodeURIComponent(endpoint.apiKey)}`;
}

function errorOf(body: unknown, status: number): SignInError {
  const raw = (body as { error?: { message?: unknown } } | null)?.error?.message;
  // Identity Toolkit appends detail after " : " (e.g. "TOO_MANY_ATTEMPTS_TRY_LATER : ...").
  const code = typeof raw === 'string' ? (raw.split(' ')[0] ?? raw) : `HTTP_${status}`;
  return new SignInError(code, FRIENDLY[code] ?? `Sign-in failed (${code}).`);
}

async function readJson(res: Response): Promise<unknown> {
  return res.json().catch(() => null);
}

function expiresAt(expiresIn: unknown, now: number): number {
  const seconds = Number(expiresIn);
  return now + (Number.isFinite(seconds) && seconds > 0 ? seconds : 3600) * 1000;
}

/** Signs in with email and password; throws SignInError with a readable message when refused. */
export async function signInWithPassword(endpoint: AuthEndpoint, email: string, password: string, now = Date.now()): Promise<StoredSession> {
  const res = await fetch(signInUrl(endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const body = (await readJson(res)) as { idToken?: string; refreshToken?: string; expiresIn?: string } | null;
  if (!res.ok || !body?.idToken || !body.refreshToken) throw errorOf(body, res.status);
  return { idToken: body.idToken, refreshToken: body.refreshToken, expiresAt: expiresAt(body.expiresIn, now) };
}

/** Exchanges the refresh token for a fresh ID token (which also carries claims changed since sign-in). */
export async function refreshSession(endpoint: AuthEndpoint, refreshToken: string, now = Date.now()): Promise<StoredSession> {
  const res = await fetch(refreshUrl(endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
  const body = (await readJson(res)) as { id_token?: string; refresh_token?: string; expires_in?: string } | null;
  if (!res.ok || !body?.id_token || !body.refresh_token) throw errorOf(body, res.status);
  return { idToken: body.id_token, refreshToken: body.refresh_token, expiresAt: expiresAt(body.expires_in, now) };
}

function base64UrlDecode(part: string): string {
  const padded = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * The role the token claims, by the API's rule (`admin: true` wins, else `backupRole`). For display only: a forged
 * token shows a role here and is still refused by the API, which verifies the signature.
 */
export function roleOfClaims(claims: Record<string, unknown>): BackupRole | null {
  if (claims.admin === true) return 'admin';
  const role = claims.backupRole;
  return role === 'viewer' || role === 'operator' || role === 'admin' ? role : null;
}

/** Decodes an ID token's payload without verifying it; undefined when it is not a JWT. */
export function decodeClaims(idToken: string): TokenClaims | undefined {
  const payload = idToken.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(base64UrlDecode(payload));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const c = claims as Record<string, unknown>;
    const uid = typeof c.user_id === 'string' ? c.user_id : typeof c.sub === 'string' ? c.sub : '';
    return { uid, email: typeof c.email === 'string' ? c.email : undefined, role: roleOfClaims(c) };
  } catch {
    return undefined;
  }
}

const STORAGE_KEY = 'backup-portal.session';

/** Reads the stored session; anything malformed counts as signed out. */
export function loadStoredSession(storage: Pick<Storage, 'getItem'>): StoredSession | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
    const s = value as Partial<StoredSession> | null;
    if (typeof s?.idToken === 'string' && typeof s.refreshToken === 'string' && typeof s.expiresAt === 'number') {
      return { idToken: s.idToken, refreshToken: s.refreshToken, expiresAt: s.expiresAt };
    }
  } catch {
    // Not JSON: treat as signed out.
  }
  return undefined;
}

/** Stores (or, with undefined, forgets) the session. */
export function saveStoredSession(storage: Pick<Storage, 'setItem' | 'removeItem'>, session: StoredSession | undefined): void {
  if (session) storage.setItem(STORAGE_KEY, JSON.stringify(session));
  else storage.removeItem(STORAGE_KEY);
}

/** True when the ID token should be refreshed before use (within 2 minutes of expiry). */
export function needsRefresh(session: StoredSession, now = Date.now()): boolean {
  return session.expiresAt - now < 120_000;
}
