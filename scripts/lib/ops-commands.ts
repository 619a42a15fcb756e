/**
 * The operations commands of the CLI: init, scheduled, prune, hold, reindex. Each parses nothing itself (the caller
 * passes flags parsed with the schema exported next to it), runs one use case of engine/ops, prints plain text or
 * one JSON document with --json, and returns the exit code: 0 success, 1 the operation (partly) failed.
 */
import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';

import { z } from 'zod';

import type { Runtime } from '../../src/lib/backup/composition';
import { clearLegalHold, type OpsActor, type OpsDeps, pruneBackups, type PruneReport, reindexCatalog, runScheduledTick, seedDefaultConfig, setLegalHold, type TickReport } from '../../src/lib/backup';

import { plainFlags } from './backup-flags';
import type { CommandHelp } from './cli-spec';

export const initFlags = plainFlags;
export const initHelp: CommandHelp<typeof initFlags> = {
  name: 'init',
  summary: 'create the bucket (or check its settings) and the default backup_config; idempotent',
  usage: '',
  alias: 'npm run backup:init',
  description: ['file://: the folder. gs://: a NEARLINE bucket with uniform access, public access prevention and lifecycle rules. Then the default daily schedule and retention policy, unless they exist.'],
  flags: {},
  examples: ['npm run backup:init'],
  exitCodes: { 1: 'a setting could not be applied (each item is listed)' },
  schema: initFlags,
};

export const opsScheduledFlags = plainFlags.extend({
  force: z.boolean().optional(),
  'report-only': z.boolean().optional(),
  /** With --force: the method of the backup; managed by default, as the seed's backup:force did. */
  method: z.enum(['logical', 'managed'], { error: 'logical or managed' }).optional(),
});
export const scheduledHelp: CommandHelp<typeof opsScheduledFlags> = {
  name: 'scheduled',
  summary: 'one scheduler tick: start due schedules once per slot, expire dead leases, prune after success',
  usage: '[--force [--method logical|managed]] [--report-only]',
  alias: 'npm run backup:scheduled (--force: npm run backup:force)',
  description: ['Safe to run every minute from cron or Cloud Scheduler: a slot already started is not started again, missed slots are recorded.'],
  flags: {
    force: { text: 'also run a backup now, whatever the schedules say' },
    'report-only': { text: 'say what is due, start nothing' },
    method: { value: 'logical|managed', text: 'with --force: the method (default managed)' },
  },
  examples: ['npm run backup:scheduled', 'npm run backup:force', 'npm run backup:scheduled -- --report-only --json'],
  exitCodes: { 1: 'a job it ran, or the prune after it, failed' },
  schema: opsScheduledFlags,
};

export const pruneFlags = plainFlags.extend({ 'dry-run': z.boolean().optional() });
export const pruneHelp: CommandHelp<typeof pruneFlags> = {
  name: 'prune',
  summary: 'apply the retention policy (a decision table with reasons); legal holds are never pruned',
  usage: '[--dry-run]',
  flags: { 'dry-run': { text: 'print the decisions, delete nothing' } },
  examples: ['npm run backup -- prune --dry-run', 'npm run backup -- prune'],
  exitCodes: { 1: 'a backup could not be deleted' },
  schema: pruneFlags,
};

export const holdFlags = plainFlags.extend({
  reason: z.string({ error: 'required: why (a case or ticket number)' }).min(1).max(500),
  clear: z.boolean().optional(),
});
export const holdHelp: CommandHelp<typeof holdFlags> = {
  name: 'hold',
  summary: 'set (or --clear) a legal hold: the backup is kept whatever retention says',
  usage: '<backupId> --reason "…" [--clear]',
  args: [{ name: '<backupId>', text: 'a backup id from `list`' }],
  flags: {
    reason: { value: '"…"', text: 'why (a case or ticket number); recorded in the audit trail (required)' },
    clear: { text: 'release the hold instead' },
  },
  examples: ['npm run backup -- hold 20260101T020000Z-1a2b3c --reason "case 4711"', 'npm run backup -- hold 20260101T020000Z-1a2b3c --reason "case 4711 closed" --clear'],
  schema: holdFlags,
};

export const reindexFlags = plainFlags.extend({ full: z.boolean().optional() });
export const reindexHelp: CommandHelp<typeof reindexFlags> = {
  name: 'reindex',
  summary: 'rebuild the catalog from the manifests in the bucket (after losing the control database)',
  usage: '[--full]',
  description: ['Backups whose manifest is in the bucket but not in the catalog are added (their files checked); known ones are left alone.'],
  flags: { full: { text: 'verify every byte of each backup found, not only that its files exist' } },
  examples: ['npm run backup -- reindex', 'npm run backup -- reindex --full'],
  exitCodes: { 1: 'a manifest could not be read (each is listed)' },
  schema: reindexFlags,
};

/** Who runs the CLI, for the audit trail: the OS user, since the CLI authenticates as a service account. */
export function cliActor(kind = 'cli'): OpsActor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // Containers without a passwd entry for the uid.
  }
  return { system: `${kind}:${user}` };
}

/** The ops use cases' dependencies over a runtime's control database. */
export function opsDeps(rt: Runtime): OpsDeps {
  return rt.ops;
}

const retentionFallback = (rt: Runtime) => rt.config.retention;

/** `init`: the bucket (file:// folder, or gs:// bucket settings) and the default configuration; idempotent. */
export async function runInit(rt: Runtime, _flags: z.output<typeof initFlags>, json: boolean): Promise<number> {
  const items = [...(await rt.prepareStore()), ...(await seedDefaultConfig(opsDeps(rt).config, {
    retention: rt.config.retention,
    rpoTargetHours: rt.config.rpoTargetHours,
    stagingTarget: rt.config.stagingTarget,
    webhookConfigured: rt.config.alertWebhookUrl !== undefined,
  }, rt.engine.deps.clock.now()))];
  const ok = items.every((i) => i.status !== 'could not set');
  if (json) console.log(JSON.stringify({ ok, items }, null, 2));
  else for (const i of items) console.log(`  ${i.status.padEnd(13)} ${i.item}${i.detail ? ` — ${i.detail}` : ''}`);
  return ok ? 0 : 1;
}


/** `scheduled`: one scheduler tick (see engine/ops/scheduled-tick.ts). */
export async function runScheduled(rt: Runtime, flags: z.output<typeof opsScheduledFlags>, json: boolean): Promise<number> {
  const report = await runScheduledTick(opsDeps(rt), {
    // Unique per tick: the job records which tick created it (report: started vs already started).
    owner: `scheduler:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    actor: cliActor('scheduler'),
    reportOnly: flags['report-only'],
    force: flags.force ? { method: flags.method ?? 'managed' } : undefined,
    retentionFallback: retentionFallback(rt),
  });
  const failed = report.ran.filter((r) => r.state === 'failed');
  if (json) console.log(JSON.stringify({ ok: failed.length === 0, ...report, prune: report.prune && pruneJson(report.prune) }, null, 2));
  else printTick(report);
  return failed.length === 0 && (report.prune?.failed.length ?? 0) === 0 ? 0 : 1;
}

function printTick(r: TickReport): void {
  console.log(`tick at ${r.at}`);
  if (r.schedules.length === 0) console.log('  no schedules (run `npm run backup:init` to create the default daily one)');
  for (const s of r.schedules) {
    const missed = s.missed.length + s.missedOmitted;
    console.log(`  schedule ${s.scheduleId}: ${s.action}${s.due ? ` (slot ${s.due})` : ''}${s.jobId ? ` job ${s.jobId}` : ''}${missed ? `, ${missed} missed slot(s): ${s.missed.join(', ')}` : ''}`);
  }
  if (r.forced) console.log(`  forced backup: job ${r.forced.jobId}`);
  for (const e of r.expired) console.log(`  expired lease: job ${e.jobId} → ${e.state}`);
  for (const j of r.ran) console.log(`  ran ${j.kind} ${j.jobId}: ${j.state}${j.error ? ` — ${j.error}` : ''}`);
  if (r.prune) printPrune(r.prune);
}

/** `prune [--dry-run]`: apply the retention policy. */
export async function runPrune(rt: Runtime, flags: z.output<typeof pruneFlags>, json: boolean): Promise<number> {
  const report = await pruneBackups(opsDeps(rt), { actor: cliActor(), dryRun: flags['dry-run'], fallback: retentionFallback(rt) });
  if (json) console.log(JSON.stringify({ ok: report.failed.length === 0, ...pruneJson(report) }, null, 2));
  else {
    process.stdout.write(report.table);
    printPrune(report);
  }
  return report.failed.length === 0 ? 0 : 1;
}

function pruneJson(r: PruneReport): Omit<PruneReport, 'table'> {
  const { table: _table, ...rest } = r;
  return rest;
}

function printPrune(r: PruneReport): void {
  if (r.dryRun) return void console.log('dry run: nothing deleted');
  const bytes = r.deleted.reduce((n, d) => n + d.bytes, 0);
  console.log(`deleted ${r.deleted.length} backup(s), ${(bytes / 1024 / 1024).toFixed(2)} MB${r.deleted.length ? `: ${r.deleted.map((d) => d.backupId).join(', ')}` : ''}`);
  for (const s of r.skipped) console.log(`  skipped ${s.backupId}: ${s.reason}`);
  for (const f of r.failed) console.log(`  FAILED ${f.backupId}: ${f.error}`);
}

/** `hold <backupId> --reason "…" [--clear]`: set or release a legal hold. */
export async function runHold(rt: Runtime, backupId: string, flags: z.output<typeof holdFlags>, json: boolean): Promise<number> {
  const input = { backupId, reason: flags.reason, actor: cliActor() };
  const report = flags.clear ? await clearLegalHold(opsDeps(rt), input) : await setLegalHold(opsDeps(rt), input);
  if (json) console.log(JSON.stringify({ ok: true, ...report }, null, 2));
  else {
    const objects = report.objects === null ? 'the store has no object holds' : `${report.objects} object hold(s) ${report.held ? 'set' : 'cleared'}`;
    console.log(`backup ${report.backupId}: legal hold ${report.held ? 'set' : 'released'}${report.unchanged ? ' (it already was)' : ''}; ${objects}`);
  }
  return 0;
}

/** `reindex [--full]`: rebuild the catalog from the manifests in the bucket. */
export async function runReindex(rt: Runtime, flags: z.output<typeof reindexFlags>, json: boolean): Promise<number> {
  const report = await reindexCatalog(opsDeps(rt), { actor: cliActor(), verify: flags.full ? 'full' : 'files' });
  if (json) console.log(JSON.stringify({ ok: report.unreadable.length === 0, ...report }, null, 2));
  else {
    console.log(`${report.manifests} manifest(s): ${report.found.length} added to the catalog, ${report.known.length} already known, ${report.unreadable.length} unreadable`);
    for (const f of report.found) console.log(`  added ${f.backupId} (${f.documents} documents, ${(f.bytes / 1024 / 1024).toFixed(2)} MB)${f.verified ? '' : ` NOT verified: ${f.problem ?? ''}`}`);
    for (const u of report.unreadable) console.log(`  unreadable ${u.key}: ${u.reason}`);
  }
  return report.unreadable.length === 0 ? 0 : 1;
}
