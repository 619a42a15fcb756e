/** What every action handler receives, and the caller as the engine records it. */
import type { OpsActor } from '../backup';

import type { AuthorizedCaller } from './define-route';
import type { ApiRuntime } from './runtime';

export interface ActionContext {
  rt: ApiRuntime;
  caller: AuthorizedCaller;
  /** The client address, kept in audit entries the engine writes itself (legal holds, prune). */
  ip?: string;
}

/** The caller as a job's `requestedBy`. */
export function requestedBy(caller: AuthorizedCaller): { uid: string; email?: string; role: string } {
  if (caller.kind === 'scheduler') return { uid: `scheduler:${caller.via}`, role: caller.role, ...(caller.email ? { email: caller.email } : {}) };
  return { uid: caller.uid, role: caller.role, ...(caller.email ? { email: caller.email } : {}) };
}

/** The caller as the actor of an engine-side audit entry (the ops use cases write their own). */
export function opsActor(caller: AuthorizedCaller, ip?: string): OpsActor {
  if (caller.kind === 'scheduler') return { system: `scheduler:${caller.via}` };
  return { uid: caller.uid, role: caller.role, ...(caller.email ? { email: caller.email } : {}), ...(ip ? { ip } : {}) };
}
