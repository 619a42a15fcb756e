/**
 * Runs claimed jobs: one handler per job kind, a heartbeat that renews the lease and persists progress, and
 * cancellation through an AbortSignal. In-process by default (the API starts one); `scripts/worker.ts` runs it alone.
 */
import { isEngineError } from '../../errors';

import type { Job, JobKind, JobProgress } from './job';
import type { JobService } from './job-service';

export interface JobContext {
  readonly job: Job;
  /** Aborted when a cancel is requested or the lease is lost; handlers check it between units of work. */
  readonly signal: AbortSignal;
  /** Records progress; persisted at the next heartbeat (cheap to call per document). */
  progress(patch: Partial<JobProgress>): void;
  /** Persists resumable state now (e.g. an export operation name), so a crashed run continues from it. */
  checkpoint(state: Record<string, unknown>): Promise<void>;
  /** Moves the job to `verifying`. */
  verifying(): Promise<void>;
}

/** Does the work of one job and returns its result document. */
export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown>>;

export interface WorkerOptions {
  jobs: JobService;
  handlers: Partial<Record<JobKind, JobHandler>>;
  owner: string;
  heartbeatMs?: number;
  log?: (line: string) => void;
}

/** Runs async tasks one at a time, in call order; a failed task does not stop the ones after it. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }
}

export class Worker {
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: WorkerOptions) {}

  /** Claims and runs jobs until none is left. Returns the jobs it finished. */
  async runUntilIdle(filter: { onlyId?: string } = {}): Promise<Job[]> {
    const done: Job[] = [];
    for (;;) {
      const job = await this.opts.jobs.claim(this.opts.owner, { onlyId: filter.onlyId, kinds: Object.keys(this.opts.handlers) as JobKind[] });
      if (job === undefined) return done;
      done.push(await this.run(job));
      if (filter.onlyId) return done;
    }
  }

  /** Polls for work in the background until `stop()`. */
  start(pollMs = 2_000): void {
    if (this.loop) return;
    this.stopped = false;
    this.loop = (async () => {
      while (!this.stopped) {
        await this.runUntilIdle().catch((err: unknown) => this.opts.log?.(`worker: ${(err as Error).message}`));
        await new Promise((r) => setTimeout(r, pollMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
    this.loop = undefined;
  }

  /** Runs one claimed job to a terminal state (or back to queued for a retryable failure). */
  async run(claimed: Job): Promise<Job> {
    const { jobs, owner } = this.opts;
    const handler = this.opts.handlers[claimed.kind];
    if (handler === undefined) return jobs.move(claimed.id, owner, 'failed', { error: new Error(`no handler for ${claimed.kind} jobs`) });
    const session = openSession(jobs, owner, claimed, this.opts.heartbeatMs);
    try {
      const result = await handler(session.ctx);
      await session.settle();
      if (session.ctx.signal.aborted && !session.leaseLost()) return jobs.move(claimed.id, owner, 'cancelled', { progress: session.pending() });
      return await jobs.move(claimed.id, owner, 'succeeded', { result, progress: { ...session.pending(), phase: 'done', etaSeconds: 0 } });
    } catch (err) {
      await session.settle();
      return this.failed(claimed, err, session);
    }
  }

  /** After a handler threw: cancelled if asked to, back to queued if retryable and attempts are left, else failed. */
  private async failed(claimed: Job, err: unknown, session: JobSession): Promise<Job> {
    const { jobs, owner } = this.opts;
    if (session.leaseLost()) return jobs.get(claimed.id);
    const current = await jobs.get(claimed.id);
    if (current.cancelRequested) return jobs.move(claimed.id, owner, 'cancelled', { error: err, progress: session.pending() });
    const retry = isEngineError(err) && err.retryable && current.attempts < current.maxAttempts;
    this.opts.log?.(`job ${claimed.id} ${retry ? 'will retry' : 'failed'}: ${(err as Error).message}`);
    return jobs.move(claimed.id, owner, retry ? 'queued' : 'failed', { error: err, progress: session.pending() });
  }
}

/** One run of a claimed job: the handler's context, the heartbeat behind it, and what the final move needs. */
interface JobSession {
  ctx: JobContext;
  /** True once a heartbeat found the lease taken by another worker. */
  leaseLost(): boolean;
  /** Progress recorded since the last heartbeat. */
  pending(): Partial<JobProgress>;
  /** Stops the heartbeat and waits for every queued write to the job document. */
  settle(): Promise<void>;
}

function openSession(jobs: JobService, owner: string, claimed: Job, heartbeatMs: number | undefined): JobSession {
  const abort = new AbortController();
  let pending: Partial<JobProgress> = {};
  let leaseLost = false;
  // Every write to the job document (heartbeat, checkpoint, verifying, the final move) goes through one queue. Two
  // read-modify-write transactions on one document at once contend: measured on the emulator, a checkpoint that met
  // the timer's heartbeat waited 3.1-3.5 s for the lock (a third of a 100k-document restore's wall time).
  const serial = new SerialQueue();
  let beating = false;
  const beat = async (): Promise<void> => {
    if (beating) return; // the previous heartbeat is still queued or running: it carries the lease as well
    beating = true;
    const job = await serial
      .run(() => {
        const patch = pending;
        pending = {};
        return jobs.heartbeat(claimed.id, owner, { progress: patch });
      })
      .catch((err: unknown) => {
        if (isEngineError(err, 'conflict')) leaseLost = true;
        return undefined;
      })
      .finally(() => {
        beating = false;
      });
    if (leaseLost || job?.cancelRequested) abort.abort();
  };
  // Progress is persisted with each heartbeat: every 2 s keeps the UI live at one small write per job.
  const timer = setInterval(() => void beat(), heartbeatMs ?? Math.min(2_000, jobs.leaseMs / 3));
  const ctx: JobContext = {
    job: claimed,
    signal: abort.signal,
    progress: (patch) => {
      pending = { ...pending, ...patch };
    },
    checkpoint: async (state) => {
      await serial.run(() => jobs.heartbeat(claimed.id, owner, { checkpoint: state, progress: pending }));
    },
    verifying: async () => {
      await serial.run(() => jobs.move(claimed.id, owner, 'verifying', { progress: { ...pending, phase: 'verifying' } }));
      pending = {};
    },
  };
  const settle = async (): Promise<void> => {
    clearInterval(timer);
    await serial.idle();
  };
  return { ctx, leaseLost: () => leaseLost, pending: () => pending, settle };
}
