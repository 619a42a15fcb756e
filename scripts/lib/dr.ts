/**
 * `npm run backup:dr`: the disaster-recovery test. By default a rehearsal — the latest recovery point (the newest
 * verified whole-database backup of the configured database that is not a restore's safety backup) restored into
 * the staging target (mirror: staging ends exactly equal to the backup), verified, with the measured RTO. Only with
 * `--execute --confirm <projectId>` does it restore production itself.
 */
import type { Runtime } from '../../src/lib/backup/composition';
import { formatRestoreTarget, type Job } from '../../src/lib/backup';

import { watchJob } from './backup-output';
import { audited, restoreAction } from './cli-audit';

interface DrOptions {
  backup?: string;
  execute?: boolean;
  confirm?: string;
  mode?: 'overwrite' | 'merge' | 'skip-existing' | 'mirror';
}

export async function runDr(rt: Runtime, f: DrOptions, json: boolean): Promise<number> {
  const steps: Array<{ step: string; ok: boolean; detail: string; ms: number }> = [];
  const step = async <T>(name: string, fn: () => Promise<T>, detail: (t: T) => string): Promise<T> => {
    const t0 = Date.now();
    try {
      const out = await fn();
      steps.push({ step: name, ok: true, detail: detail(out), ms: Date.now() - t0 });
      if (!json) console.log(`✓ ${name}: ${detail(out)} (${Date.now() - t0} ms)`);
      return out;
    } catch (err) {
      steps.push({ step: name, ok: false, detail: (err as Error).message, ms: Date.now() - t0 });
      if (!json) console.log(`✗ ${name}: ${(err as Error).message}`);
      throw err;
    }
  };
  const production = f.execute === true;
  if (!json) console.log(production ? `DISASTER RECOVERY of ${rt.config.projectId}/${rt.config.databaseId}` : `DR rehearsal into staging (${rt.config.stagingTarget ? formatRestoreTarget(rt.config.stagingTarget) : 'not configured'})`);
  try {
    const backupId = await step('pick the backup', async () => {
      if (f.backup) return (await rt.engine.getBackup(f.backup)).backupId;
      const latest = await rt.engine.latestRecoveryPoint();
      if (!latest) {
        throw new Error(
          `there is no verified whole-database backup of ${rt.config.projectId}/${rt.config.databaseId} to recover from (safety backups and backups of a selection do not count): create one first (npm run backup -- create), or name one with --backup <id>`,
        );
      }
      return latest.backupId;
    }, (id) => id);
    await step('verify the backup', async () => {
      const v = await rt.engine.verifyBackup(backupId);
      if (!v.ok) throw new Error(v.findings.map((x) => x.message).join('; '));
      return v;
    }, (v) => `${v.documents} documents checked`);
    const job = await step(production ? 'restore production' : 'restore into staging', async () => {
      const input = { backupId, target: production ? 'production' : 'staging', mode: f.mode ?? (production ? 'overwrite' : 'mirror'), confirm: f.confirm };
      const queued = await audited(rt, { action: restoreAction(input.target), target: backupId, params: input }, () => rt.engine.createRestore(input));
      const done: Job = await watchJob(rt, queued.id, true);
      if (done.state !== 'succeeded') throw new Error(`${done.state}: ${done.error?.message ?? ''}`);
      return done;
    }, (j) => `${String(j.result?.written)} written, ${String(j.result?.deleted)} deleted into ${JSON.stringify(j.result?.targetDatabase)}`);
    const rto = Number(job.result?.durationMs ?? 0);
    await step('verify the restored data', async () => job.result?.verification as { checked: number }, (v) => `${v.checked} documents equal to the backup`);
    if (json) console.log(JSON.stringify({ ok: true, production, backupId, restoreJobId: job.id, rtoMs: rto, safetyBackupId: job.result?.safetyBackupId ?? null, steps }, null, 2));
    else console.log(`RTO (restore + verification): ${(rto / 1000).toFixed(1)} s${job.result?.safetyBackupId ? `; rollback point: backup ${String(job.result.safetyBackupId)}` : ''}`);
    return 0;
  } catch {
    if (json) console.log(JSON.stringify({ ok: false, production, steps }, null, 2));
    return 1;
  }
}
