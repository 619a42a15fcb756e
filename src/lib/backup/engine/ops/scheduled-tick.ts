/**
 * The scheduler tick (`npm run backup:scheduled`), safe to call every minute from Cloud Scheduler or cron, from any
 * number of callers at once:
 * 1. for each enabled schedule, decide the due slot and the missed ones (`dueSlots`, catch-up `latest`: after an
 *    outage the newest slot still runs, late, because a late backup beats none for the RPO);
 * 2. start the due slot's backup with idempotency key `slotKey(schedule, slot)` — two ticks for the same slot get the
 *    same job, so at most one backup runs per slot;
 * 3. record the slot as handled and count the missed ones in one atomic update of the schedule that re-decides on
 *    the stored `lastRunSlot`, so concurrent ticks count each missed slot once;
 * 4. expire dead leases, run every claimable job with an in-process worker until idle, and prune after a success.
 *
 * The backup is started before the slot is recorded: a tick that dies in between leaves the slot unrecorded and the
 * next tick starts the same (idempotent) job again instead of losing it.
 */
import { LEASED_JOB_STATES } from '../../job-states';
import type { BackupMethod } from '../backup/backup-types';
import { isTerminal, leaseExpired, type Job } from '../jobs/job';
import { Worker } from '../jobs/worker';
import { dueSlots, parseCron, slotKey } from '../schedule';

import type { OpsActor, OpsDeps } from './catalog';
import { MISSED_SLOTS_KEPT, type ScheduleConfig } from './config-schema';
import { pruneBackups, type PruneOptions, type PruneReport } from './prune-backups';

export interface TickOptions {
  /** Names this tick in job leases and as the creator of the jobs it starts. */
  owner: string;
  actor: OpsActor;
  /** Print what is due and missed; start, record and run nothing. */
  reportOnly?: boolean;
  /** Start a backup now, regardless of schedules, with this method. */
  force?: { method: BackupMethod };
  /** Retention when `backup_config/retention` is missing. */
  retentionFallback?: PruneOptions['fallback'];
}

export type ScheduleAction = 'disabled' | 'not due' | 'started' | 'already started' | 'report only';

export interface ScheduleTick {
  scheduleId: string;
  action: ScheduleAction;
  due: string | null;
  missed: string[];
  missedOmitted: number;
  jobId: string | null;
}

export interface TickReport {
  at: string;
  schedules: ScheduleTick[];
  forced: { jobId: string } | null;
  /** Jobs whose lease had expired: re-queued or failed. */
  expired: { jobId: string; state: Job['state'] }[];
  /** Jobs this tick's worker ran, with how they ended. */
  ran: { jobId: string; kind: Job['kind']; state: Job['state']; error: string | null }[];
  prune: PruneReport | null;
}

/** One tick; see the module comment. */
export async function runScheduledTick(deps: OpsDeps, opts: TickOptions): Promise<TickReport> {
  const now = deps.clock.now();
  const report: TickReport = { at: now.toISOString(), schedules: [], forced: null, expired: [], ran: [], prune: null };
  for (const schedule of await deps.config.listSchedules()) {
    report.schedules.push(await tickSchedule(deps, schedule, now, opts));
  }
  if (opts.reportOnly) return report;
  if (opts.force) {
    const job = await deps.engine.createBackup({ method: opts.force.method, trigger: 'forced', requestedBy: { uid: opts.owner, role: 'scheduler' } });
    report.forced = { jobId: job.id };
  }
  report.expired = await expireDeadLeases(deps, now);
  const worker = new Worker({ jobs: deps.engine.jobs, owner: opts.owner, handlers: deps.engine.handlers() });
  const ran = await worker.runUntilIdle();
  report.ran = ran.map((j) => ({ jobId: j.id, kind: j.kind, state: j.state, error: j.error?.message ?? null }));
  if (ran.some((j) => j.kind === 'backup' && j.state === 'succeeded')) {
    report.prune = await pruneBackups(deps, { actor: opts.actor, fallback: opts.retentionFallback });
  }
  return report;
}

async function tickSchedule(deps: OpsDeps, schedule: ScheduleConfig, now: Date, opts: TickOptions): Promise<ScheduleTick> {
  const decide = (s: ScheduleConfig) =>
    dueSlots({ schedule: parseCron(s.cron), timeZone: s.timeZone, lastRunSlot: s.lastRunSlot ? new Date(s.lastRunSlot) : null, now, catchUp: 'latest' });
  const plan = decide(schedule);
  const base: ScheduleTick = {
    scheduleId: schedule.id,
    action: 'not due',
    due: plan.due?.toISOString() ?? null,
    missed: plan.missed.map((d) => d.toISOString()),
    missedOmitted: plan.missedOmitted,
    jobId: null,
  };
  if (!schedule.enabled) return { ...base, action: 'disabled', due: null, missed: [], missedOmitted: 0 };
  if (opts.reportOnly) return { ...base, action: plan.due || plan.missed.length > 0 ? 'report only' : 'not due' };
  let tick = base;
  if (plan.due) {
    const job = await deps.engine.createBackup({
      method: schedule.method,
      include: schedule.include,
      exclude: schedule.exclude,
      trigger: `schedule:${schedule.id}@${plan.due.toISOString()}`,
      idempotencyKey: slotKey(schedule.id, plan.due),
      requestedBy: { uid: opts.owner, role: 'scheduler' },
    });
    // The job records which tick created it: another tick that got there first is its creator.
    tick = { ...tick, action: job.requestedBy?.uid === opts.owner ? 'started' : 'already started', jobId: job.id };
  }
  if (plan.due || plan.missed.length > 0) await recordSlots(deps, schedule.id, decide, now);
  return tick;
}

/** Marks the handled slots on the stored schedule, re-deciding on its current `lastRunSlot` (CAS). */
async function recordSlots(deps: OpsDeps, id: string, decide: (s: ScheduleConfig) => ReturnType<typeof dueSlots>, now: Date): Promise<void> {
  await deps.config.mutateSchedule(id, (current) => {
    const plan = decide(current);
    const newest = [plan.due, ...plan.missed].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    if (newest === undefined) return current;
    const missed = plan.missed.map((d) => d.toISOString());
    return {
      ...current,
      lastRunSlot: newest.toISOString(),
      missed: { count: current.missed.count + missed.length + plan.missedOmitted, last: [...current.missed.last, ...missed].slice(-MISSED_SLOTS_KEPT) },
      updatedAt: now.toISOString(),
    };
  });
}

/** Re-queues or fails every job whose worker stopped renewing its lease (a crashed tick, a killed process). */
async function expireDeadLeases(deps: OpsDeps, now: Date): Promise<TickReport['expired']> {
  const { jobs } = deps.engine;
  const active = await deps.jobStore.list({ states: [...LEASED_JOB_STATES], limit: 500 });
  const dead = active.filter((j) => !isTerminal(j.state) && leaseExpired(j, now));
  const out: TickReport['expired'] = [];
  for (const job of dead) {
    const after = await jobs.expire(job.id);
    out.push({ jobId: after.id, state: after.state });
  }
  return out;
}
