/**
 * The portal's one way to call the Admin API: adds the bearer token, parses `{ error: { code, message } }` bodies
 * and sorts every failure into a kind the UI has one presentation for. No React here, so it is unit-testable.
 */

/** Root of the Admin API. */
export const ADMIN_API = '/api/admin/backup';

/**
 * Why a call failed, as the UI distinguishes it. `not-available` is only a 501, the server saying it knows the action
 * but does not do it. A 404 is `not-found` whatever produced it: a missing API route is a broken deployment, and
 * showing it as "not available" would hide it (and let the browser tests pass without the feature).
 */
export type ApiFailureKind = 'unauthenticated' | 'forbidden' | 'not-found' | 'not-available' | 'invalid' | 'conflict' | 'rate-limited' | 'server' | 'unreachable';

export interface ApiFailure {
  kind: ApiFailureKind;
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; error: ApiFailure };

/** The failure kind of an HTTP status and error code. */
export function failureKind(status: number, code: string): ApiFailureKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 501 || code === 'not_implemented') return 'not-available';
  if (status === 404) return 'not-found';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate-limited';
  return 'server';
}

function errorBody(body: unknown): { code?: string; message?: string; details?: Record<string, unknown> } {
  const error = (body as { error?: unknown } | null)?.error;
  if (typeof error !== 'object' || error === null) return {};
  const e = error as Record<string, unknown>;
  return {
    code: typeof e.code === 'string' ? e.code : undefined,
    message: typeof e.message === 'string' ? e.message : undefined,
    details: typeof e.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : undefined,
  };
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** JSON body. */
  body?: unknown;
  signal?: AbortSignal;
}

function defaultMessage(status: number, path: string): string {
  // Our routes answer 404 with an error body; a bare 404 means no route matched.
  if (status === 404) return `The Admin API has no route for ${path.split('?')[0]} (404).`;
  return `The server answered ${status}.`;
}

/** Calls `path` (relative to the site) with the token; never throws for HTTP or network failures. */
export async function callApi<T>(path: string, token: string | undefined, req: ApiRequest = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method: req.method ?? 'GET', headers, body: req.body === undefined ? undefined : JSON.stringify(req.body), signal: req.signal, cache: 'no-store' });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    return { ok: false, error: { kind: 'unreachable', status: 0, code: 'unreachable', message: 'The Admin API could not be reached. Check that the server is running.' } };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  const e = errorBody(body);
  const code = e.code ?? `http_${res.status}`;
  return { ok: false, error: { kind: failureKind(res.status, code), status: res.status, code, message: e.message ?? defaultMessage(res.status, path), details: e.details } };
}

/** Field-level problems of a 400/422 answer (`details.issues`), keyed by the last path segment. */
export function fieldIssues(error: ApiFailure): Record<string, string> {
  const issues = error.details?.issues;
  const out: Record<string, string> = {};
  if (!Array.isArray(issues)) return out;
  for (const issue of issues as { path?: unknown; message?: unknown }[]) {
    if (typeof issue.path !== 'string' || typeof issue.message !== 'string') continue;
    const key = issue.path.split('.').at(-1) ?? issue.path;
    out[key] ??= issue.message;
  }
  return out;
}

/** Builds a query string from defined values. */
export function withQuery(path: string, query: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
