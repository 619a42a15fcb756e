/**
 * The audit trail of the CLI's job-starting commands. The API audits every mutating request; the CLI runs with the
 * machine's service account and no token, so it records who ran it (the OS user, `cli:<user>`) and what it asked for,
 * under the same action names as the API (`ACTION_POLICY` in src/lib/api/actions.ts). A refusal is recorded too.
 */
import type { Runtime } from '../../src/lib/backup/composition';
import { isEngineError, type Job, type RestoreTarget } from '../../src/lib/backup';

import { cliActor } from './ops-commands';

export type CliAuditAction = 'backup.create' | 'restore.staging' | 'restore.production' | 'job.cancel';

/** Audit action of a restore: production targets are the disaster-recovery path, everything else a rehearsal. */
export function restoreAction(target: string | RestoreTarget): CliAuditAction {
  const production = typeof target === 'string' ? target === 'production' : target.kind === 'production';
  return production ? 'restore.production' : 'restore.staging';
}

const REFUSALS = ['invalid_argument', 'not_found', 'failed_precondition', 'permission_denied', 'already_exists', 'conflict'] as const;

/**
 * Runs `start` (which queues or changes a job) and appends one audit entry: `ok` with the job id as target, or
 * `refused` / `failed` with the reason, before rethrowing. As in the API, a failure to audit is reported (stderr)
 * and does not change the outcome: the job was already queued (or refused).
 */
export async function audited(rt: Runtime, entry: { action: CliAuditAction; target?: string; params: Record<string, unknown> }, start: () => Promise<Job>): Promise<Job> {
  const base = { actor: cliActor(), action: entry.action, params: entry.params };
  const at = (): string => rt.engine.deps.clock.now().toISOString();
  const append = (rest: { target?: string; outcome: 'ok' | 'refused' | 'failed'; reason?: string }): Promise<void> =>
    rt.audit.append({ ...base, at: at(), ...rest }).then(
      () => undefined,
      (err: unknown) => console.error(`warning: could not write the audit entry (${entry.action}): ${err instanceof Error ? err.message : String(err)}`),
    );
  let job: Job;
  try {
    job = await start();
  } catch (err) {
    const refused = REFUSALS.some((code) => isEngineError(err, code));
    await append({ ...(entry.target ? { target: entry.target } : {}), outcome: refused ? 'refused' : 'failed', reason: err instanceof Error ? err.message : String(err) });
    throw err;
  }
  await append({ target: job.id, outcome: 'ok' });
  return job;
}
