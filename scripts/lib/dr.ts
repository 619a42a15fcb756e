/**
 * `npm run backup:dr`: the disaster-recovery test, a thin CLI over the engine's `runDisasterRecovery`
 * (src/lib/backup/engine/restore/disaster-recovery.ts). By default a rehearsal into the staging target, verified, with
 * the measured RTO; only with `--execute --confirm <projectId>` does it restore production itself. The restore request
 * is audited as the CLI's other job-starting commands are.
 */
import type { Runtime } from '../../src/lib/backup/composition';
import { formatRestoreTarget, runDisasterRecovery, type RecoveryStep } from '../../src/lib/backup';

import { watchJob } from './backup-output';
import { audited, restoreAction } from './cli-audit';

interface DrOptions {
  backup?: string;
  execute?: boolean;
  confirm?: string;
  mode?: 'overwrite' | 'merge' | 'skip-existing' | 'mirror';
}

const printStep = (s: RecoveryStep): void => console.log(`${s.ok ? '✓' : '✗'} ${s.step}: ${s.detail}${s.ok ? ` (${s.ms} ms)` : ''}`);

export async function runDr(rt: Runtime, f: DrOptions, json: boolean): Promise<number> {
  const production = f.execute === true;
  if (!json) console.log(production ? `DISASTER RECOVERY of ${rt.config.projectId}/${rt.config.databaseId}` : `DR rehearsal into staging (${rt.config.stagingTarget ? formatRestoreTarget(rt.config.stagingTarget) : 'not configured'})`);
  const outcome = await runDisasterRecovery(
    {
      engine: rt.engine,
      runJob: (id) => watchJob(rt, id, true),
      startRestore: (input) => audited(rt, { action: restoreAction(input.target), target: input.backupId, params: { ...input } }, () => rt.engine.createRestore(input)),
      clock: rt.ops.clock,
      database: rt.health.database,
    },
    { backupId: f.backup, production, confirm: f.confirm, mode: f.mode, onStep: json ? undefined : printStep },
  );
  if (!outcome.ok) {
    if (json) console.log(JSON.stringify({ ok: false, production, steps: outcome.steps }, null, 2));
    return 1;
  }
  const { backupId, restoreJobId, rtoMs, safetyBackupId, steps } = outcome;
  if (json) console.log(JSON.stringify({ ok: true, production, backupId, restoreJobId, rtoMs, safetyBackupId, steps }, null, 2));
  else console.log(`RTO (restore + verification): ${(rtoMs / 1000).toFixed(1)} s${safetyBackupId ? `; rollback point: backup ${safetyBackupId}` : ''}`);
  return 0;
}
