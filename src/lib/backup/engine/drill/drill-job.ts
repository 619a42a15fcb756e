/**
 * The `drill` job (enqueued by the API's run_drill): runs the 8-step drill with the job id as drill id, so the stored
 * report and the job share it. The drill's own backup and restore jobs run here, in the drill's process, so its RTO
 * measures one worker; if another worker claimed one first, the drill waits for it. A failed drill fails the job; its
 * report is stored either way.
 */
import { EngineError } from '../../errors';
import type { Clock } from '../../ports';
import type { IncidentTracker } from '../alerts/incidents';
import type { BackupDREngine } from '../backup-dr-engine';
import type { HealthDeps } from '../health/collect-health';
import { isTerminal, type Job, type JobKind } from '../jobs/job';
import type { JobService } from '../jobs/job-service';
import { pollOperation } from '../jobs/poll-operation';
import { Worker, type JobContext, type JobHandler } from '../jobs/worker';
import type { ConfigStore } from '../../ports/config';

import { rpoInputs } from '../health/rpo-target';

import { runDrill, type DrillOptions, type DrillPorts } from './run-drill';

/** Params of a `drill` job: the root collections to drill on, empty = all. */
export interface DrillJobParams {
  include: string[];
}

export interface DrillJobDeps {
  engine: BackupDREngine;
  config: Pick<ConfigStore, 'listSchedules'>;
  /** What the drill's health and report steps read and write (the catalog, reports, clock, database, key). */
  health: HealthDeps;
  /** The bucket, the databases and the staging target the drill restores into. */
  drillPorts: DrillPorts;
  alerts?: IncidentTracker;
  /** This worker's lease owner; the drill's own jobs run as `<owner>/<drill id>`. */
  owner: string;
  /** The RPO target when no schedule is enabled (an enabled schedule's tightest target wins). */
  rpoTargetHours: number;
  alertWebhookConfigured: boolean;
  retention: DrillOptions['retention'];
}

/** How often the drill looks at one of its jobs that another worker claimed. */
const DRILL_POLL_MS = 500;

/** What running the drill's own jobs takes: the job service, the engine's handlers, its clock, this worker's name. */
export interface DrillJobRunnerDeps {
  jobs: JobService;
  handlers: Partial<Record<JobKind, JobHandler>>;
  clock: Clock;
  owner: string;
}

/**
 * Runs one of the drill's jobs in this process (as `<owner>/<drill id>`), or, when another worker claimed it first,
 * waits for that worker to end it; an abort of the drill job stops the wait.
 */
export function drillJobRunner(deps: DrillJobRunnerDeps, drill: Pick<JobContext, 'job' | 'signal'>): (id: string) => Promise<Job> {
  return async (id) => {
    await new Worker({ jobs: deps.jobs, owner: `${deps.owner}/${drill.job.id}`, handlers: deps.handlers }).runUntilIdle({ onlyId: id });
    return pollOperation<Job>({
      name: `job ${id}`,
      check: async () => {
        const job = await deps.jobs.get(id);
        return isTerminal(job.state) ? { done: true, value: job } : { done: false };
      },
      clock: deps.clock,
      signal: drill.signal,
      abortError: () => new EngineError('cancelled', `drill ${drill.job.id} was cancelled while job ${id} ran`),
      backoff: { minMs: DRILL_POLL_MS, maxMs: DRILL_POLL_MS, factor: 1 },
    });
  };
}

/** The `drill` job's handler. */
export function drillJobHandler(deps: DrillJobDeps): JobHandler {
  return async (ctx) => {
    const include = Array.isArray(ctx.job.params.include) ? ctx.job.params.include.filter((c): c is string => typeof c === 'string') : [];
    const schedules = await deps.config.listSchedules().catch(() => []);
    const outcome = await runDrill(
      {
        ...deps.health,
        ...deps.drillPorts,
        engine: deps.engine,
        runJob: drillJobRunner({ jobs: deps.engine.jobs, handlers: deps.engine.handlers(), clock: deps.health.clock, owner: deps.owner }, ctx),
        tracker: deps.alerts,
      },
      {
        drillId: ctx.job.id,
        ...rpoInputs(schedules, deps.rpoTargetHours),
        include,
        alertWebhookConfigured: deps.alertWebhookConfigured,
        retention: deps.retention,
        onStep: (step) => ctx.progress({ phase: `drill: ${step.step} ${step.status}` }),
      },
    );
    const { report } = outcome;
    if (!report.ok) {
      throw new EngineError('failed_precondition', `drill ${report.drillId} failed at step ${report.failedStep ?? '?'}: ${report.steps.find((s) => s.status === 'failed')?.detail ?? ''}`, {
        details: { drillId: report.drillId, failedStep: report.failedStep, stored: outcome.stored },
      });
    }
    return { ...report, stored: outcome.stored, storeError: outcome.storeError };
  };
}
