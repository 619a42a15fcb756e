/**
 * `npm run backup -- <command> [options] [--json]`: the CLI over BackupDREngine.
 *
 *   create  --method logical|managed [--collections a,b] [--exclude 'logs/**'] [--database id] [--encrypt | --no-encrypt]
 *           (neither: encrypted exactly when BACKUP_ENCRYPTION_KEY is set; --encrypt without it exits 2)
 *   list    [--limit n] [--state succeeded|failed|…]
 *   verify  <backupId>
 *   restore <backupId> --target staging|production|database:<id>|project:<id>[/<db>] [--mode overwrite|merge|skip-existing|mirror]
 *           [--only 'users/**,orders/o-1'] [--dry-run] [--confirm <projectId>] [--keep-references]
 *   dr      [--backup <id>]  rehearsal into staging;  dr --execute --confirm <projectId> [--mode …]  recovers production
 *   status  <jobId>          cancel <jobId>
 *   scheduled [--force [--method logical|managed]] [--report-only]   safe every minute from cron (npm run backup:scheduled);
 *                            --force (npm run backup:force) runs a managed backup now, as the seed did
 *   init                     bucket + default config, idempotent (npm run backup:init)
 *   prune [--dry-run]        retention;  hold <backupId> --reason "…" [--clear];  reindex [--full]
 *   drill [--collections a,b] [--strict]   the 8-step drill (npm run backup:test);  report   health (npm run backup:report)
 *
 * Exit code 0 only when the operation succeeded (a backup: verified).
 */
import { loadEngineConfig } from '../src/lib/backup/config';
import { createRuntime, type Runtime } from '../src/lib/backup/composition';

import { printBackupList, printJobResult, printRestoreResult, printVerify, watchJob } from './lib/backup-output';
import { runDr } from './lib/dr';
import { parseFlags, runScript, splitArgs, UsageError } from './lib/run-script';
import { createFlags, drFlags, encryptRequest, listFlags, plainFlags, restoreFlags } from './lib/backup-flags';
import { drillFlags, runDrillCommand } from './lib/drill-command';
import { holdFlags, initFlags, opsDeps, opsScheduledFlags, pruneFlags, reindexFlags, runHold, runInit, runPrune, runReindex, runScheduled } from './lib/ops-commands';
import { reportFlags, runReportCommand, type OpsInputs } from './lib/report-command';

/** Schedules and the RPO target from backup_config, for the drill and the health report. */
async function opsInputs(rt: Runtime): Promise<OpsInputs> {
  const schedules = await opsDeps(rt).config.listSchedules();
  const enabled = schedules.filter((s) => s.enabled);
  const rpo = enabled.length > 0 ? Math.min(...enabled.map((s) => s.rpoTargetHours)) : undefined;
  return { schedules: schedules.map((s) => ({ id: s.id, cron: s.cron, timeZone: s.timeZone, enabled: s.enabled })), rpoTargetHours: rpo };
}

const { positionals, flags } = splitArgs(process.argv.slice(2));
const [command, ...rest] = positionals;
const json = flags.json === true;

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = createRuntime(loadEngineConfig());
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

async function create(): Promise<number> {
  const f = parseFlags(createFlags, flags, 'create');
  return withRuntime(async (rt) => {
    const job = await rt.engine.createBackup({
      method: f.method,
      database: f.database ? { projectId: rt.config.projectId, databaseId: f.database } : undefined,
      include: f.collections,
      exclude: f.exclude,
      encrypt: encryptRequest(f),
      trigger: 'cli',
    });
    const done = await watchJob(rt, job.id, json);
    printJobResult(done, json);
    return done.state === 'succeeded' ? 0 : 1;
  });
}

async function main(): Promise<number> {
  switch (command) {
    case 'create':
      return create();
    case 'scheduled': {
      const f = parseFlags(opsScheduledFlags, flags, 'scheduled');
      return withRuntime((rt) => runScheduled(rt, f, json));
    }
    case 'init': {
      const f = parseFlags(initFlags, flags, 'init');
      return withRuntime((rt) => runInit(rt, f, json));
    }
    case 'prune': {
      const f = parseFlags(pruneFlags, flags, 'prune');
      return withRuntime((rt) => runPrune(rt, f, json));
    }
    case 'hold': {
      const f = parseFlags(holdFlags, { ...flags, backup: rest[0] ?? flags.backup }, 'hold');
      return withRuntime((rt) => runHold(rt, f, json));
    }
    case 'reindex': {
      const f = parseFlags(reindexFlags, flags, 'reindex');
      return withRuntime((rt) => runReindex(rt, f, json));
    }
    case 'drill': {
      const f = parseFlags(drillFlags, flags, 'drill');
      return withRuntime(async (rt) => runDrillCommand(rt, f, json, await opsInputs(rt)));
    }
    case 'report': {
      const f = parseFlags(reportFlags, flags, 'report');
      return withRuntime(async (rt) => runReportCommand(rt, f, json, await opsInputs(rt)));
    }
    case 'restore': {
      const f = parseFlags(restoreFlags, flags, 'restore');
      const id = rest[0];
      if (!id) throw new UsageError('restore: which backup? usage: npm run backup -- restore <backupId> --target staging|production|database:<id>|project:<id>[/<db>]');
      return withRuntime(async (rt) => {
        const job = await rt.engine.createRestore({ backupId: id, target: f.target, mode: f.mode, only: f.only, dryRun: f['dry-run'], confirm: f.confirm, keepReferences: f['keep-references'] });
        const done = await watchJob(rt, job.id, json);
        printRestoreResult(done, json);
        return done.state === 'succeeded' ? 0 : 1;
      });
    }
    case 'dr': {
      const f = parseFlags(drFlags, flags, 'dr');
      return withRuntime((rt) => runDr(rt, f, json));
    }
    case 'list': {
      const f = parseFlags(listFlags, flags, 'list');
      return withRuntime(async (rt) => {
        printBackupList(await rt.engine.listBackups({ limit: f.limit, states: f.state ? [f.state] : undefined }), json);
        return 0;
      });
    }
    case 'verify': {
      parseFlags(plainFlags, flags, 'verify');
      const id = rest[0];
      if (!id) throw new UsageError('verify: which backup? usage: npm run backup -- verify <backupId>');
      return withRuntime(async (rt) => {
        const result = await rt.engine.verifyBackup(id);
        printVerify(result, json);
        return result.ok ? 0 : 1;
      });
    }
    case 'status':
    case 'cancel': {
      parseFlags(plainFlags, flags, command);
      const id = rest[0];
      if (!id) throw new UsageError(`${command}: which job? usage: npm run backup -- ${command} <jobId>`);
      return withRuntime(async (rt) => {
        const job = command === 'cancel' ? await rt.engine.cancelJob(id) : await rt.engine.getJob(id);
        printJobResult(job, json);
        return 0;
      });
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}; commands: create, list, verify, restore, dr, status, cancel, scheduled, init, prune, hold, reindex, drill, report`);
  }
}

runScript(main, { json });
