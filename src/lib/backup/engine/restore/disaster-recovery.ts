/**
 * The disaster-recovery use case (`npm run backup:dr`): choose the recovery point, verify it, restore it, and report
 * the measured RTO. By default a rehearsal: the restore goes into the staging target in mirror mode (staging ends
 * exactly equal to the backup). With `production: true` it restores production itself; the engine's createRestore
 * guards then apply (the typed confirmation, the safety backup first, a second admin's approval when configured).
 *
 * The recovery point is the newest verified whole-database backup of the production database that is not a restore's
 * safety backup (recovery-point.ts), unless a backup is named. Every step is recorded, with its duration, whether it
 * passed or not: a failed recovery is exactly when the record matters.
 */
import type { Clock, DatabaseRef } from '../../ports';
import type { BackupDREngine, CreateRestoreInput } from '../backup-dr-engine';
import type { Job } from '../jobs/job';

/** One step of a recovery as it ended. */
export interface RecoveryStep {
  step: string;
  ok: boolean;
  detail: string;
  ms: number;
}

export interface DisasterRecoveryDeps {
  /** The engine's own use cases the recovery is made of. */
  engine: Pick<BackupDREngine, 'getBackup' | 'latestRecoveryPoint' | 'verifyBackup' | 'createRestore'>;
  /** Runs (or waits for) a queued job to its end and returns it. */
  runJob(jobId: string): Promise<Job>;
  /** Queues the restore; default `engine.createRestore`. The CLI wraps it to audit the request. */
  startRestore?(input: CreateRestoreInput): Promise<Job>;
  clock: Clock;
  /** The production database, named in messages. */
  database: DatabaseRef;
}

export interface DisasterRecoveryOptions {
  /** Recover from this backup (id or job id) instead of the latest recovery point. */
  backupId?: string;
  /** Restore production itself (default: a rehearsal into staging). */
  production?: boolean;
  /** Production only: the project id, typed by the person asking; the engine checks it. */
  confirm?: string;
  /** Default: `overwrite` for production, `mirror` for a rehearsal. */
  mode?: CreateRestoreInput['mode'];
  /** Called as each step ends (for printing progress). */
  onStep?: (step: RecoveryStep) => void;
}

export type DisasterRecoveryOutcome =
  | {
      ok: true;
      production: boolean;
      backupId: string;
      restoreJobId: string;
      /** Restore + verification of the restored data, as the restore job measured it. */
      rtoMs: number;
      /** The rollback point a production restore took first; null for a rehearsal. */
      safetyBackupId: string | null;
      steps: RecoveryStep[];
    }
  | { ok: false; production: boolean; steps: RecoveryStep[]; error: string };

/** Runs the recovery; never throws for a failed step (the outcome says which and why). */
export async function runDisasterRecovery(deps: DisasterRecoveryDeps, opts: DisasterRecoveryOptions = {}): Promise<DisasterRecoveryOutcome> {
  const production = opts.production === true;
  const steps: RecoveryStep[] = [];
  const step = stepRecorder(deps.clock, steps, opts.onStep);
  try {
    const backupId = await step('pick the backup', () => pickBackup(deps, opts.backupId), (id) => id);
    await step('verify the backup', async () => {
      const v = await deps.engine.verifyBackup(backupId);
      if (!v.ok) throw new Error(v.findings.map((x) => x.message).join('; '));
      return v;
    }, (v) => `${v.documents} documents checked`);
    const job = await step(production ? 'restore production' : 'restore into staging', () => restore(deps, { ...opts, production }, backupId), (j) =>
      `${String(j.result?.written)} written, ${String(j.result?.deleted)} deleted into ${JSON.stringify(j.result?.targetDatabase)}`);
    await step('verify the restored data', async () => {
      const v = job.result?.verification as { checked?: unknown } | undefined;
      if (v === undefined || typeof v.checked !== 'number') throw new Error(`restore ${job.id} reported no verification of the restored data`);
      return v.checked;
    }, (checked) => `${checked} documents equal to the backup`);
    const safety = job.result?.safetyBackupId;
    return {
      ok: true, production, backupId, restoreJobId: job.id, rtoMs: Number(job.result?.durationMs ?? 0),
      safetyBackupId: typeof safety === 'string' ? safety : null, steps,
    };
  } catch (err) {
    return { ok: false, production, steps, error: err instanceof Error ? err.message : String(err) };
  }
}

async function pickBackup(deps: DisasterRecoveryDeps, named: string | undefined): Promise<string> {
  if (named) return (await deps.engine.getBackup(named)).backupId;
  const latest = await deps.engine.latestRecoveryPoint();
  if (!latest) {
    const { projectId, databaseId } = deps.database;
    throw new Error(
      `there is no verified whole-database backup of ${projectId}/${databaseId} to recover from (safety backups and backups of a selection do not count): create one first (npm run backup -- create), or name one with --backup <id>`,
    );
  }
  return latest.backupId;
}

async function restore(deps: DisasterRecoveryDeps, opts: DisasterRecoveryOptions & { production: boolean }, backupId: string): Promise<Job> {
  const input: CreateRestoreInput = {
    backupId,
    target: opts.production ? 'production' : 'staging',
    mode: opts.mode ?? (opts.production ? 'overwrite' : 'mirror'),
    confirm: opts.confirm,
  };
  const queued = await (deps.startRestore ?? ((i: CreateRestoreInput) => deps.engine.createRestore(i)))(input);
  const done = await deps.runJob(queued.id);
  if (done.state !== 'succeeded') throw new Error(`${done.state}: ${done.error?.message ?? ''}`);
  return done;
}

/** Times one step with the injected clock, records it (passed or failed) and reports it; rethrows a failure. */
function stepRecorder(clock: Clock, steps: RecoveryStep[], onStep: DisasterRecoveryOptions['onStep']) {
  return async <T>(name: string, fn: () => Promise<T>, detail: (t: T) => string): Promise<T> => {
    const t0 = clock.now().getTime();
    const record = (ok: boolean, text: string): void => {
      const s = { step: name, ok, detail: text, ms: clock.now().getTime() - t0 };
      steps.push(s);
      onStep?.(s);
    };
    try {
      const out = await fn();
      record(true, detail(out));
      return out;
    } catch (err) {
      record(false, err instanceof Error ? err.message : String(err));
      throw err;
    }
  };
}
