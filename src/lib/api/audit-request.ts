/**
 * Writes the audit entry of one API request of an authenticated caller (who, what, target, redacted params, outcome,
 * request id, IP). Unauthenticated refusals are counted and audited once per window instead (refusal-tally.ts).
 */
import type { AuditActor, AuditOutcome } from '../backup';

import type { Caller } from './roles';
import type { ApiRuntime } from './runtime';

/** What the route knows so far about a request, filled in as it is parsed. */
export interface AuditDraft {
  requestId: string;
  ip?: string;
  action: string;
  target?: string;
  /** The parsed (validated) body; the store redacts secrets. */
  params?: Record<string, unknown>;
  /** Top-level field names of a body that never got parsed. */
  fields?: string[];
  /** The uid an unauthenticated request's token claimed (unverified), for the refusal tally. */
  claimedUid?: string;
}

function actorOf(caller: Caller, draft: AuditDraft): AuditActor {
  const ip = draft.ip;
  if (caller.kind === 'scheduler') return { system: `scheduler:${caller.via}` };
  return { uid: caller.uid, ...(caller.email ? { email: caller.email } : {}), role: caller.role ?? 'none', ...(ip ? { ip } : {}) };
}

/**
 * Appends the entry. A failure to audit is logged and does not change the answer: the action already happened (or
 * was already refused), and hiding that from the caller would be worse.
 */
export async function recordAudit(rt: ApiRuntime, caller: Caller, draft: AuditDraft, result: { outcome: AuditOutcome; reason?: string }): Promise<void> {
  const params = draft.params ?? (draft.fields && draft.fields.length > 0 ? { fields: draft.fields } : undefined);
  await rt.audit
    .append({
      at: rt.clock.now().toISOString(),
      actor: actorOf(caller, draft),
      action: draft.action,
      ...(draft.target ? { target: draft.target } : {}),
      ...(params ? { params } : {}),
      outcome: result.outcome,
      ...(result.reason ? { reason: result.reason.slice(0, 500) } : {}),
      requestId: draft.requestId,
    })
    .catch((err: unknown) => rt.log(`api: could not append the audit entry of request ${draft.requestId}`, err));
}
