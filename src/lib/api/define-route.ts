/**
 * The one builder every Admin API route uses. Per request, in this order:
 *   authenticate (revocation checked on mutating requests) → rate-limit mutating requests per caller (unauthenticated
 *   attempts per IP) → authorize the route's minimum role → parse JSON, params, query, body with zod (`.strict()`
 *   schemas, so unknown fields are refused) → authorize the input's role (per-action roles) → run the handler.
 * Every mutating request is audited with its outcome — refused attempts too, except rate-limited ones (a flood of
 * refusals must not become a flood of writes; those are logged on the server). Errors go through the one table in
 * error-codes.ts.
 */
import type { z } from 'zod';

import { authenticate, claimedSubject } from './auth';
import { ApiError, errorReply, json } from './errors';
import { clientIp, fieldNames, parseJsonText, readBodyText, requestIdOf } from './request-meta';
import { callerKey, roleAllows, type ApiRole, type Caller } from './roles';
import { getApiRuntime, type ApiRuntime } from './runtime';
import { parseInput } from './validate';
import { recordAudit, type AuditDraft } from './audit-request';

/** Next.js App Router's second handler argument. */
export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export type RouteHandler = (req: Request, ctx?: RouteContext) => Promise<Response>;

/** A caller that passed authorization. */
export type AuthorizedCaller = Caller & { role: ApiRole };

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: AuthorizedCaller;
  rt: ApiRuntime;
  requestId: string;
  req: Request;
}

/** What a handler answers; `target` names what was acted on when only the work knows it (a new job id). */
export interface Reply {
  status?: number;
  body: unknown;
  target?: string;
}

export interface RouteSpec<P, Q, B> {
  /** Minimum role, checked before the body is read. */
  role: ApiRole;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** A stricter role that depends on the parsed input (the action dispatcher's per-action roles). */
  roleFor?: (input: { params: P; query: Q; body: B }) => ApiRole;
  /** Audit action (verb-noun) of a mutating route; a function of the raw body for the dispatcher. */
  audit?: { action: string | ((raw: unknown) => string); target?: (input: { params: P; query: Q; body: B }) => string | undefined };
  handler: (input: RouteInput<P, Q, B>) => Promise<Reply>;
}

interface Parsed<P, Q, B> {
  params: P;
  query: Q;
  body: B;
}

function forbidden(caller: Caller, required: ApiRole): ApiError {
  if (caller.role === null) {
    return new ApiError('permission_denied', 'your account has no backup role: an admin must set the custom claim backupRole (viewer, operator or admin) or admin: true', { details: { required } });
  }
  return new ApiError('permission_denied', `this needs the ${required} role; you are ${caller.role}`, { details: { required, role: caller.role } });
}

function authorize(caller: Caller, required: ApiRole): AuthorizedCaller {
  if (caller.role === null || !roleAllows(caller.role, required)) throw forbidden(caller, required);
  return caller as AuthorizedCaller;
}

async function parseAll<P, Q, B>(spec: RouteSpec<P, Q, B>, req: Request, ctx: RouteContext | undefined, raw: unknown): Promise<Parsed<P, Q, B>> {
  const params = spec.params ? parseInput(spec.params, (await ctx?.params) ?? {}, 'params') : (undefined as P);
  const query = spec.query ? parseInput(spec.query, Object.fromEntries(new URL(req.url).searchParams), 'query') : (undefined as Q);
  const body = spec.body ? parseInput(spec.body, raw, 'body') : (undefined as B);
  return { params, query, body };
}

/** Reads and parses the body of a mutating request; a JSON error is kept so authentication is reported first. */
async function readRaw(req: Request): Promise<{ raw: unknown; jsonError?: unknown }> {
  const text = await readBodyText(req);
  try {
    return { raw: parseJsonText(text) };
  } catch (jsonError) {
    return { raw: undefined, jsonError };
  }
}

/** Builds a Next.js route handler from a spec. */
export function defineRoute<P = undefined, Q = undefined, B = undefined>(spec: RouteSpec<P, Q, B>): RouteHandler {
  return async (req, ctx) => {
    const requestId = requestIdOf(req);
    const mutating = req.method !== 'GET' && req.method !== 'HEAD';
    const draft: AuditDraft = { requestId, ip: clientIp(req), action: 'api.request' };
    let rt: ApiRuntime | undefined;
    let caller: Caller | undefined;
    try {
      rt = getApiRuntime();
      const auth = await authenticate(req, rt.authn, { checkRevoked: mutating }).then((c) => ({ ok: true as const, caller: c }), (error: unknown) => ({ ok: false as const, error }));
      caller = auth.ok ? auth.caller : undefined;
      if (!auth.ok) draft.claimedUid = claimedSubject(req);
      if (mutating) limit(rt, caller ? callerKey(caller) : `ip:${draft.ip ?? 'unknown'}`, req);
      const { raw, jsonError } = mutating ? await readRaw(req) : { raw: undefined };
      draft.action = typeof spec.audit?.action === 'function' ? spec.audit.action(raw) : (spec.audit?.action ?? draft.action);
      draft.fields = fieldNames(raw);
      if (!auth.ok) throw auth.error;
      const authorized = authorize(auth.caller, spec.role);
      if (jsonError !== undefined) throw jsonError;
      const input = await parseAll(spec, req, ctx, raw);
      draft.target = spec.audit?.target?.(input);
      draft.params = input.body as Record<string, unknown> | undefined;
      if (spec.roleFor) authorize(authorized, spec.roleFor(input));
      const reply = await spec.handler({ ...input, caller: authorized, rt, requestId, req });
      if (mutating) await recordAudit(rt, caller, { ...draft, target: draft.target ?? reply.target }, { outcome: 'ok' });
      return json(reply.body, reply.status ?? 200, { 'x-request-id': requestId });
    } catch (err) {
      return failure(err, { rt, caller, draft, mutating });
    }
  };
}

async function failure(err: unknown, at: { rt: ApiRuntime | undefined; caller: Caller | undefined; draft: AuditDraft; mutating: boolean }): Promise<Response> {
  const reply = errorReply(err, at.rt?.log);
  if (at.mutating && at.rt && reply.code !== 'rate_limited') {
    const outcome = reply.status >= 500 && reply.code !== 'not_implemented' ? 'failed' : 'refused';
    await recordAudit(at.rt, at.caller, at.draft, { outcome, reason: `${reply.code}: ${reply.body.error.message}` });
  }
  return json(reply.body, reply.status, { ...reply.headers, 'x-request-id': at.draft.requestId });
}

function limit(rt: ApiRuntime, key: string, req: Request): void {
  const decision = rt.limiter.take(key);
  if (decision.ok) return;
  rt.log(`api: rate limited ${key} on ${req.method} ${new URL(req.url).pathname}`);
  throw new ApiError('rate_limited', `too many requests; retry in ${decision.retryAfterSeconds} s`, {
    headers: { 'retry-after': String(decision.retryAfterSeconds) },
    details: { retryAfterSeconds: decision.retryAfterSeconds },
  });
}
