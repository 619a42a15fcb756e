/**
 * Legal holds: a held backup is never pruned (retention keeps it, prune re-checks it atomically) and, on stores that
 * support it (GCS temporary holds), none of its objects can be deleted or overwritten by anyone until released.
 *
 * Order: setting writes the catalog first (prune honours it from that moment), then the object holds; releasing
 * clears the object holds first, then the catalog. Either way an interruption leaves the backup more protected, not
 * less: a catalog hold without object holds still stops prune, object holds without a catalog hold make a delete fail.
 */
import { EngineError, isEngineError } from '../../errors';
import { backupRoot } from '../backup/backup-deps';

import { actorName, catalogEntry, type CatalogEntry, type OpsActor, type OpsDeps } from './catalog';

export interface LegalHoldInput {
  backupId: string;
  /** Why (a case number, a ticket); required for setting and for releasing, both are audited. */
  reason: string;
  actor: OpsActor;
}

export interface LegalHoldReport {
  backupId: string;
  jobId: string;
  held: boolean;
  /** Objects whose hold was set or cleared; null when the store has no object holds (file://). */
  objects: number | null;
  /** True when the catalog already was in the requested state (the call is idempotent). */
  unchanged: boolean;
}

/** Places a legal hold on a backup. */
export async function setLegalHold(deps: OpsDeps, input: LegalHoldInput): Promise<LegalHoldReport> {
  return changeHold(deps, input, true);
}

/** Releases a backup's legal hold. */
export async function clearLegalHold(deps: OpsDeps, input: LegalHoldInput): Promise<LegalHoldReport> {
  return changeHold(deps, input, false);
}

async function changeHold(deps: OpsDeps, input: LegalHoldInput, held: boolean): Promise<LegalHoldReport> {
  const action = held ? 'backup.hold' : 'backup.release';
  const reason = input.reason.trim();
  try {
    if (reason === '') throw new EngineError('invalid_argument', `${held ? 'a legal hold' : 'releasing a legal hold'} needs a reason (--reason "…")`);
    const entry = await findEntry(deps, input.backupId);
    let unchanged = false;
    const write = async (): Promise<void> => {
      const at = deps.clock.now().toISOString();
      await deps.jobStore.mutate(entry.job.id, (job) => {
        const result = job.result ?? {};
        if (typeof result.deletingAt === 'string') throw new EngineError('failed_precondition', `backup ${entry.backupId} is being deleted`);
        unchanged = held ? result.legalHold != null : result.legalHold == null;
        const legalHold = held ? (result.legalHold ?? { reason, setBy: actorName(input.actor), setAt: at }) : null;
        return { ...job, updatedAt: at, result: { ...result, legalHold } };
      });
    };
    if (held) await write();
    const objects = await setObjectHolds(deps, entry, held);
    if (!held) await write();
    await deps.audit.append({ at: deps.clock.now().toISOString(), actor: input.actor, action, target: entry.backupId, params: { reason, objects, unchanged }, outcome: 'ok' });
    return { backupId: entry.backupId, jobId: entry.job.id, held, objects, unchanged };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const refused = isEngineError(err, 'invalid_argument') || isEngineError(err, 'not_found') || isEngineError(err, 'failed_precondition');
    await deps.audit.append({ at: deps.clock.now().toISOString(), actor: input.actor, action, target: input.backupId, params: { reason }, outcome: refused ? 'refused' : 'failed', reason: message });
    throw err;
  }
}

async function findEntry(deps: OpsDeps, backupId: string): Promise<CatalogEntry> {
  const item = await deps.engine.getBackup(backupId);
  const entry = catalogEntry(await deps.engine.jobs.get(item.jobId));
  if (entry.job.state !== 'succeeded' || entry.result === null) {
    throw new EngineError('failed_precondition', `backup ${backupId} is ${entry.job.state}: only a completed backup can be held`, { details: { backupId } });
  }
  if (entry.deletingAt || entry.deletedAt) throw new EngineError('failed_precondition', `backup ${backupId} was deleted by retention`, { details: { backupId } });
  return entry;
}

async function setObjectHolds(deps: OpsDeps, entry: CatalogEntry, held: boolean): Promise<number | null> {
  const store = deps.store;
  if (store.setHold === undefined) return null;
  let n = 0;
  for await (const o of store.list(backupRoot(entry.result?.database ?? entry.params.database, entry.backupId))) {
    await store.setHold(o.key, held);
    n++;
  }
  return n;
}
