/**
 * The commands of `npm run backup`, in the order the overview lists them: each is its help (declared next to its flag
 * schema) and a thin run function over the engine.
 */
import { loadEngineConfig, rpoInputs } from '../../src/lib/backup';
import { createRuntime, type Runtime } from '../../src/lib/backup/composition';

import { printBackupList, printJobResult, printJobs, printRestoreResult, printVerify, watchJob } from './backup-output';
import { cancelHelp, createHelp, encryptRequest, drHelp, jobsHelp, listHelp, restoreHelp, statusHelp, verifyHelp } from './backup-flags';
import { audited, restoreAction } from './cli-audit';
import { defineCommand, type Command } from './cli-spec';
import { runDr } from './dr';
import { drillHelp, runDrillCommand } from './drill-command';
import { holdHelp, initHelp, opsDeps, pruneHelp, reindexHelp, runHold, runInit, runPrune, runReindex, runScheduled, scheduledHelp } from './ops-commands';
import { reportHelp, runReportCommand, type OpsInputs } from './report-command';

/** Schedules and the RPO target from backup_config, for the drill and the health report. */
async function opsInputs(rt: Runtime): Promise<OpsInputs> {
  return rpoInputs(await opsDeps(rt).config.listSchedules(), rt.config.rpoTargetHours);
}

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = createRuntime(loadEngineConfig());
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

/** The commands, in the order the overview lists them. */
export const COMMANDS: readonly Command[] = [
  defineCommand(createHelp, ({ flags: f, json }) =>
    withRuntime(async (rt) => {
      const database = f.database ? { projectId: rt.config.projectId, databaseId: f.database } : undefined;
      const input = { method: f.method, database, include: f.collections, exclude: f.exclude, encrypt: encryptRequest(f), trigger: 'cli' };
      const job = await audited(rt, { action: 'backup.create', params: input }, () => rt.engine.createBackup(input));
      const done = await watchJob(rt, job.id, json);
      printJobResult(done, json);
      return done.state === 'succeeded' ? 0 : 1;
    }),
  ),
  defineCommand(listHelp, ({ flags: f, json }) =>
    withRuntime(async (rt) => {
      printBackupList(await rt.engine.listBackups({ limit: f.limit, states: f.state ? [f.state] : undefined }), json);
      return 0;
    }),
  ),
  defineCommand(verifyHelp, ({ args: [id = ''], json }) =>
    withRuntime(async (rt) => {
      const result = await rt.engine.verifyBackup(id);
      printVerify(result, json);
      return result.ok ? 0 : 1;
    }),
  ),
  defineCommand(restoreHelp, ({ flags: f, args: [backupId = ''], json }) =>
    withRuntime(async (rt) => {
      const input = { backupId, target: f.target, mode: f.mode, only: f.only, dryRun: f['dry-run'], confirm: f.confirm, keepReferences: f['keep-references'] };
      const job = await audited(rt, { action: restoreAction(f.target), target: backupId, params: input }, () => rt.engine.createRestore(input));
      const done = await watchJob(rt, job.id, json);
      printRestoreResult(done, json);
      return done.state === 'succeeded' ? 0 : 1;
    }),
  ),
  defineCommand(drHelp, ({ flags, json }) => withRuntime((rt) => runDr(rt, flags, json))),
  defineCommand(jobsHelp, ({ flags: f, json }) =>
    withRuntime(async (rt) => {
      // The job store the API's restore listing reads (engine.jobs.store), newest first.
      printJobs(await rt.engine.jobs.store.list({ kinds: f.kind, states: f.state, limit: f.limit }), json);
      return 0;
    }),
  ),
  defineCommand(statusHelp, ({ args: [id = ''], json }) =>
    withRuntime(async (rt) => {
      printJobResult(await rt.engine.getJob(id), json);
      return 0;
    }),
  ),
  defineCommand(cancelHelp, ({ args: [id = ''], json }) =>
    withRuntime(async (rt) => {
      printJobResult(await audited(rt, { action: 'job.cancel', target: id, params: { jobId: id } }, () => rt.engine.cancelJob(id)), json);
      return 0;
    }),
  ),
  defineCommand(scheduledHelp, ({ flags, json }) => withRuntime((rt) => runScheduled(rt, flags, json))),
  defineCommand(initHelp, ({ flags, json }) => withRuntime((rt) => runInit(rt, flags, json))),
  defineCommand(pruneHelp, ({ flags, json }) => withRuntime((rt) => runPrune(rt, flags, json))),
  defineCommand(holdHelp, ({ flags, args: [id = ''], json }) => withRuntime((rt) => runHold(rt, id, flags, json))),
  defineCommand(reindexHelp, ({ flags, json }) => withRuntime((rt) => runReindex(rt, flags, json))),
  defineCommand(drillHelp, ({ flags, json }) => withRuntime(async (rt) => runDrillCommand(rt, flags, json, await opsInputs(rt)))),
  defineCommand(reportHelp, ({ flags, json }) => withRuntime(async (rt) => runReportCommand(rt, flags, json, await opsInputs(rt)))),
];
