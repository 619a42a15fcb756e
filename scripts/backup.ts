/**
 * `npm run backup -- <command> [options] [--json]`: the CLI over BackupDREngine.
 *
 *   create  --method logical|managed [--collections a,b] [--exclude 'logs/**'] [--database id] [--no-encrypt]
 *   list    [--limit n] [--state succeeded|failed|…]
 *   verify  <backupId>
 *   restore <backupId> --target staging|production|database:<id>|project:<id>[/<db>] [--mode overwrite|merge|skip-existing|mirror]
 *           [--only 'users/**,orders/o-1'] [--dry-run] [--confirm <projectId>] [--keep-references]
 *   dr      [--backup <id>]  rehearsal into staging;  dr --execute --confirm <projectId> [--mode …]  recovers production
 *   status  <jobId>          cancel <jobId>
 *   scheduled --force        (npm run backup:force) a managed backup now, as the seed did
 *
 * Exit code 0 only when the operation succeeded (a backup: verified).
 */
import { loadEngineConfig } from '../src/lib/backup/config';
import { createRuntime, type Runtime } from '../src/lib/backup/composition';

import { printBackupList, printJobResult, printRestoreResult, printVerify, watchJob } from './lib/backup-output';
import { runDr } from './lib/dr';
import { parseFlags, runScript, splitArgs, UsageError } from './lib/run-script';
import { createFlags, drFlags, listFlags, plainFlags, restoreFlags, scheduledFlags } from './lib/backup-flags';

const PLANNED: Record<string, string> = {
  prune: 'apply the retention policy, with --dry-run (issue: Operations loop)',
  reindex: 'rebuild the catalog from the manifests in the bucket (issue: Operations loop)',
  drill: 'the 8-step backup/restore drill, npm run backup:test (issue: Operations loop)',
  report: 'the health report, npm run backup:report (issue: Operations loop)',
  init: 'create and configure the bucket and default config, npm run backup:init (issue: Operations loop)',
};

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

async function create(method?: 'logical' | 'managed'): Promise<number> {
  const f = parseFlags(createFlags, flags, 'create');
  return withRuntime(async (rt) => {
    const job = await rt.engine.createBackup({
      method: method ?? f.method,
      database: f.database ? { projectId: rt.config.projectId, databaseId: f.database } : undefined,
      include: f.collections,
      exclude: f.exclude,
      encrypt: !f['no-encrypt'],
      trigger: method ? 'forced' : 'cli',
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
      const f = parseFlags(scheduledFlags, flags, 'scheduled');
      if (f.force) return create('managed');
      throw new UsageError('scheduled: schedules are not available yet (issue: Operations loop); use --force (npm run backup:force) to run a managed backup now');
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
    default: {
      const planned = command ? PLANNED[command] : undefined;
      if (planned) throw new UsageError(`${command} is not available yet: it will ${planned}`);
      throw new UsageError(`unknown command ${JSON.stringify(command ?? '')}; commands: create, list, verify, restore, dr, status, cancel, scheduled --force${Object.keys(PLANNED).map((c) => `, ${c} (planned)`).join('')}`);
    }
  }
}

runScript(main, { json });
