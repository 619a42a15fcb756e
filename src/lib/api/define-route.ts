/**
 * The one builder every Admin API route uses. Per request, in this order:
 *   authenticate (revocation checked on every request) → rate-limit: signed-in callers per uid (reads and writes
 *   in separate budgets), others per client address → authorize the route's minimum role → read the body of a
 *   mutating request, stopping at MAX_BODY_BYTES → authorize the role of the action the raw body names (per-action
 *   roles, decided before validation) → parse params, query, body with zod (`.strict()` schemas, so unknown fields are
 *   refused) → run the handler.
 * Nothing of an unauthenticated request's body is read. Every mutating request of a signed-in caller is audited with
 * its outcome, refused ones too, except rate-limited ones (a flood of refusals must not become a flood of writes; they
 * are logged on the server); unauthenticated refusals are counted and audited once per window (refusal-tally.ts).
 * Errors go through the one table in error-codes.ts.
 */
import type { z } from 'zod';

import { authenticate, claimedSubject } from './auth';
import { ApiError, errorReply, json } from './errors';
import type { LimitKind } from './rate-limit';
import { clientIp, fieldNames, parseJsonText, readBodyText, requestIdOf } from './request-meta';
import { callerKey, roleAllows, type ApiRole, type Caller } from './roles';
import { getApiRuntime, type ApiRuntime } from './runtime';
import { parseInput } from './validate';
import { replyFor } from './views';
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
  /** The client address (request-meta.ts `clientIp`), for audit entries the engine writes itself. */
  ip?: string;
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
  /**
   * A stricter role named by the raw body (the action dispatcher's per-action roles: decided from the action name
   * alone, before validation, so a caller without the role learns nothing about the body's schema). Undefined when
   * the body names no known action; validation then reports it.
   */
  roleFor?: (raw: unknown) => ApiRole | undefined;
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

/**
 * Who is calling. A request that does not authenticate is limited per address (429), counted for the window's
 * aggregate audit entry when it is mutating, logged, and refused; its body is never read.
 */
async function identify(rt: ApiRuntime, req: Request, draft: AuditDraft, mutating: boolean): Promise<Caller> {
  try {
    return await authenticate(req, rt.authn);
  } catch (err) {
    draft.claimedUid = claimedSubject(req);
    limit(rt, 'anonymous', `ip:${draft.ip ?? 'unknown'}`, req);
    rt.log(`api: refused an unauthenticated ${req.method} ${new URL(req.url).pathname} from ${draft.ip ?? 'an unknown address'}`);
    if (mutating) rt.refusals.record({ ip: draft.ip, claimedUid: draft.claimedUid, action: draft.action });
    throw err;
  }
}

/** Builds a Next.js route handler from a spec. */
export function defineRoute<P = undefined, Q = undefined, B = undefined>(spec: RouteSpec<P, Q, B>): RouteHandler {
  const auditAction = spec.audit?.action;
  return async (req, ctx) => {
    const requestId = requestIdOf(req);
    const mutating = req.method !== 'GET' && req.method !== 'HEAD';
    // Until the body is read, the dispatcher's action is the one of an empty body (`admin.unknown_action`).
    const draft: AuditDraft = { requestId, action: typeof auditAction === 'function' ? auditAction(undefined) : (auditAction ?? 'api.request') };
    let rt: ApiRuntime | undefined;
    let caller: Caller | undefined;
    try {
      rt = getApiRuntime();
      draft.ip = clientIp(req, rt.addressPolicy);
      caller = await identify(rt, req, draft, mutating);
      limit(rt, mutating ? 'write' : 'read', callerKey(caller), req);
      const authorized = authorize(caller, spec.role);
      const raw = mutating ? await readBody(req, draft, auditAction) : undefined;
      const stricter = spec.roleFor?.(raw);
      if (stricter !== undefined) authorize(authorized, stricter);
      const input = await parseAll(spec, req, ctx, raw);
      draft.target = spec.audit?.target?.(input);
      draft.params = input.body as Record<string, unknown> | undefined;
      const reply = await spec.handler({ ...input, caller: authorized, rt, requestId, req, ip: draft.ip });
      if (mutating) await recordAudit(rt, caller, { ...draft, target: draft.target ?? reply.target }, { outcome: 'ok' });
      return json(replyFor(authorized.role, reply.body, bucketUrls(rt)), reply.status ?? 200, { 'x-request-id': requestId });
    } catch (err) {
      return failure(err, { rt, caller, draft, mutating });
    }
  };
}

/** Reads (bounded) and parses the body; the audit draft learns the action and field names the body names. */
async function readBody(req: Request, draft: AuditDraft, auditAction: string | ((raw: unknown) => string) | undefined): Promise<unknown> {
  const raw = parseJsonText(await readBodyText(req));
  if (typeof auditAction === 'function') draft.action = auditAction(raw);
  draft.fields = fieldNames(raw);
  return raw;
}

async function failure(err: unknown, at: { rt: ApiRuntime | undefined; caller: Caller | undefined; draft: AuditDraft; mutating: boolean }): Promise<Response> {
  const reply = errorReply(err, at.rt?.log);
  // Without a caller the refusal was counted by `identify` (or no runtime exists to audit with).
  if (at.mutating && at.rt && at.caller !== undefined && reply.code !== 'rate_limited') {
    const outcome = reply.status >= 500 && reply.code !== 'not_implemented' ? 'failed' : 'refused';
    await recordAudit(at.rt, at.caller, at.draft, { outcome, reason: `${reply.code}: ${reply.body.error.message}` });
  }
  const body = at.rt ? replyFor(at.caller?.role, reply.body, bucketUrls(at.rt)) : reply.body;
  return json(body, reply.status, { ...reply.headers, 'x-request-id': at.draft.requestId });
}

/** The bucket as configured and as the store spells it: callers below admin see neither's server path (views.ts). */
function bucketUrls(rt: ApiRuntime): string[] {
  return [rt.runtime.config.bucketUrl, rt.runtime.engine.deps.store.url];
}

function limit(rt: ApiRuntime, kind: LimitKind, key: string, req: Request): void {
  const decision = rt.limiter.take(kind, key);
  if (decision.ok) return;
  rt.log(`api: rate limited ${key} (${kind}) on ${req.method} ${new URL(req.url).pathname}`);
  throw new ApiError('rate_limited', `too many requests; retry in ${decision.retryAfterSeconds} s`, {
    headers: { 'retry-after': String(decision.retryAfterSeconds) },
    details: { retryAfterSeconds: decision.retryAfterSeconds },
  });
}
