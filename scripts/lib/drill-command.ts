/**
 * `npm run backup:test`: the 8-step drill over the engine (see src/lib/backup/engine/drill/run-drill.ts), printed
 * step by step like `backup:dr`, stored in `backup_reports`, ending with the production-readiness checklist.
 *
 * Exit code: 0 when every step passed and the report was stored; 1 otherwise; with `--strict` also 1 when any
 * checklist item is ✗.
 */
import { z } from 'zod';

import type { Runtime } from '../../src/lib/backup/composition';
import { DRILL_STEP_TITLES, type DrillOutcome, type DrillReport, type DrillStep, formatRestoreTarget, runDrill } from '../../src/lib/backup';

import { watchJob } from './backup-output';
import type { CommandHelp } from './cli-spec';
import { opsWiring, reportId, type OpsInputs } from './report-command';

const rootNames = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .refine((names) => names.every((n) => /^[^/*\s]{1,1500}$/.test(n)), { error: 'comma-separated root collection names (no paths or patterns)' });

export const drillFlags = z.object({
  json: z.boolean().optional(),
  /** Drill on these root collections only (default: the whole database but the control collections). */
  collections: rootNames.optional(),
  strict: z.boolean().optional(),
});
export type DrillFlags = z.output<typeof drillFlags>;

export const drillHelp: CommandHelp<typeof drillFlags> = {
  name: 'drill',
  summary: 'the 8-step drill: initialize, back up, validate, restore to staging, compare, clean up, record, checklist',
  usage: '[--collections a,b] [--strict]',
  alias: 'npm run backup:test',
  description: ['Stored in backup_reports (the health report and the portal show the last one). Needs BACKUP_STAGING_TARGET. Each job it starts prints its id first (on stderr).'],
  flags: {
    collections: { value: 'a,b', text: 'drill on these root collections only (default: the whole database)' },
    strict: { text: 'also fail when a production-readiness item is ✗' },
  },
  examples: ['npm run backup:test', 'npm run backup:test -- --collections products --strict'],
  exitCodes: { 0: 'every step passed and the report was stored', 1: 'a step failed (or, with --strict, the checklist has a ✗)' },
  schema: drillFlags,
};

export async function runDrillCommand(rt: Runtime, flags: DrillFlags, json: boolean, ops: OpsInputs = {}): Promise<number> {
  const wiring = opsWiring(rt);
  if (!json) console.log(`Backup/restore drill: ${rt.config.projectId}/${rt.config.databaseId} → staging ${rt.config.stagingTarget ? formatRestoreTarget(rt.config.stagingTarget) : '(not configured)'}`);
  const outcome = await runDrill(
    { ...rt.health, ...rt.drillPorts, engine: rt.engine, runJob: (id) => watchJob(rt, id, json), reports: wiring.reports, clock: wiring.clock, tracker: wiring.tracker },
    {
      drillId: reportId('drill', wiring.clock.now()),
      rpoTargetHours: ops.rpoTargetHours ?? rt.config.rpoTargetHours,
      include: flags.collections,
      alertWebhookConfigured: rt.config.alertWebhookUrl !== undefined,
      retention: rt.config.retention,
      schedules: ops.schedules,
      onStep: json ? undefined : printStep,
    },
  );
  const code = drillExitCode(outcome, flags.strict === true);
  if (json) console.log(JSON.stringify({ ok: code === 0, ...outcome }, null, 2));
  else printSummary(outcome);
  return code;
}

/** 0 only when every step passed and the report was stored (and, when strict, every checklist item is ✓). */
export function drillExitCode(outcome: DrillOutcome, strict: boolean): number {
  return outcome.report.ok && outcome.stored && (!strict || outcome.report.ready) ? 0 : 1;
}

function printStep(s: DrillStep): void {
  const n = Object.keys(DRILL_STEP_TITLES).indexOf(s.step) + 1;
  const title = `${n}/8 ${DRILL_STEP_TITLES[s.step]}`;
  if (s.status === 'skipped') console.log(`- ${title}: skipped`);
  else console.log(`${s.status === 'passed' ? '✓' : '✗'} ${title}: ${s.detail} (${s.durationMs} ms)`);
}

function printSummary(o: DrillOutcome): void {
  const r: DrillReport = o.report;
  console.log('Production readiness:');
  for (const c of r.checklist) console.log(`  ${c.ok ? '✓' : '✗'} ${c.label} — ${c.hint}`);
  const m = r.metrics;
  if (m.rtoMs !== null) console.log(`RTO (restore + verification): ${(m.rtoMs / 1000).toFixed(1)} s; backup ${((m.backupDurationMs ?? 0) / 1000).toFixed(1)} s, ${m.documents ?? 0} documents, ${m.bytes ?? 0} bytes`);
  console.log(r.ok ? `drill ${r.drillId} PASSED${r.ready ? '' : ' (not production-ready: see ✗ above)'}` : `drill ${r.drillId} FAILED at step ${r.failedStep ?? '?'}`);
  if (!o.stored) console.log(`the report could not be stored in backup_reports: ${o.storeError ?? 'unknown error'}`);
  if (o.alertError) console.log(`alerts were not evaluated: ${o.alertError}`);
  for (const a of o.alerts) if (a.action === 'sent' || a.action === 'escalated' || a.action === 'send_failed') console.log(`alert ${a.key} ${a.op}: ${a.action}`);
}
