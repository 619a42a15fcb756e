/**
 * The job lifecycle over a JobStore: enqueue, claim with a lease, heartbeat, finish, cancel, expire.
 *
 * Rules: only the lease holder moves a claimed job; every move is checked against the transition table inside the
 * store's atomic `mutate`; a job whose lease expired is re-queued while attempts remain, else failed — never left
 * running forever.
 */
import { EngineError, isEngineError } from '../../errors';
import type { Clock } from '../../ports';

import {
  assertTransition,
  expiryOutcome,
  isTerminal,
  leaseExpired,
  newJob,
  toJobError,
  type Job,
  type JobError,
  type JobProgress,
  type JobState,
  type NewJob,
} from './job';
import type { JobStore } from '../../ports/jobs';

export interface JobServiceOptions {
  store: JobStore;
  clock: Clock;
  /** How long a claim lasts without a heartbeat. */
  leaseMs?: number;
}

export class JobService {
  readonly leaseMs: number;

  constructor(private readonly opts: JobServiceOptions) {
    this.leaseMs = opts.leaseMs ?? 60_000;
  }

  get store(): JobStore {
    return this.opts.store;
  }

  private now(): Date {
    return this.opts.clock.now();
  }

  /** Creates a queued job. With an idempotency key the id is derived from it and a repeat returns the first job. */
  async enqueue(input: NewJob): Promise<{ job: Job; created: boolean }> {
    const job = newJob(input, this.now());
    try {
      return { job: await this.store.create(job), created: true };
    } catch (err) {
      if (!isEngineError(err, 'already_exists')) throw err;
      const existing = await this.store.get(job.id);
      if (existing === undefined) throw err;
      return { job: existing, created: false };
    }
  }

  async get(id: string): Promise<Job> {
    const job = await this.store.get(id);
    if (job === undefined) throw new EngineError('not_found', `job ${id} not found`, { details: { jobId: id } });
    return job;
  }

  /**
   * Takes the oldest claimable job (or `onlyId`) for `owner`: expired leases are first re-queued or failed, then a
   * queued job becomes `running` with a fresh lease. Returns undefined when there is nothing to do.
   */
  async claim(owner: string, opts: { onlyId?: string; kinds?: Job['kind'][] } = {}): Promise<Job | undefined> {
    const candidates = opts.onlyId ? [await this.get(opts.onlyId)] : await this.store.claimable(this.now(), 20);
    for (const candidate of candidates) {
      if (opts.kinds && !opts.kinds.includes(candidate.kind)) continue;
      if (!isTerminal(candidate.state) && candidate.state !== 'queued' && leaseExpired(candidate, this.now())) {
        await this.expire(candidate.id);
      }
      const claimed = await this.store
        .mutate(candidate.id, (job) => {
          if (job.state !== 'queued') throw new EngineError('conflict', `job ${job.id} is ${job.state}, not queued`);
          if (job.cancelRequested) throw new EngineError('conflict', `job ${job.id} was cancelled`);
          // A job may wait for a second person's approval (production restores): it stays queued until then.
          if (job.params.approvalRequired === true && !job.params.approvedBy) throw new EngineError('conflict', `job ${job.id} awaits approval`);
          assertTransition(job.id, job.state, 'running');
          const now = this.now();
          return {
            ...job,
            state: 'running',
            attempts: job.attempts + 1,
            startedAt: job.startedAt ?? now.toISOString(),
            updatedAt: now.toISOString(),
            lease: this.lease(owner, now),
          };
        })
        .catch((err: unknown) => {
          if (isEngineError(err, 'conflict')) return undefined;
          throw err;
        });
      if (claimed) return claimed;
    }
    return undefined;
  }

  /** Re-queues (attempts left) or fails a job whose lease has expired. No-op if the lease is alive. */
  async expire(id: string): Promise<Job> {
    return this.store.mutate(id, (job) => {
      const now = this.now();
      if (isTerminal(job.state) || job.state === 'queued' || !leaseExpired(job, now)) return job;
      const to = job.cancelRequested ? 'cancelled' : expiryOutcome(job);
      assertTransition(job.id, job.state, to);
      const error: JobError = {
        code: 'unavailable',
        message: `the worker ${job.lease?.owner ?? '?'} stopped renewing its lease (expired ${job.lease?.expiresAt ?? '?'})` +
          (to === 'failed' ? `; no attempts left (${job.attempts}/${job.maxAttempts})` : '; re-queued'),
        retryable: to === 'queued',
      };
      return { ...job, state: to, lease: null, updatedAt: now.toISOString(), error, finishedAt: to === 'queued' ? null : now.toISOString() };
    });
  }

  /** Extends the lease and stores progress; fails with `conflict` if `owner` no longer holds it. */
  async heartbeat(id: string, owner: string, patch: { progress?: Partial<JobProgress>; checkpoint?: Record<string, unknown> } = {}): Promise<Job> {
    return this.store.mutate(id, (job) => {
      this.assertHolder(job, owner);
      const now = this.now();
      const progress = patch.progress ? mergeProgress(job.progress, patch.progress, now) : job.progress;
      return { ...job, lease: this.lease(owner, now), updatedAt: now.toISOString(), progress, checkpoint: patch.checkpoint ?? job.checkpoint };
    });
  }

  /** Moves a job the caller holds to `to` (verifying or a terminal state), storing result or error. */
  async move(id: string, owner: string, to: JobState, patch: { result?: Record<string, unknown>; error?: unknown; progress?: Partial<JobProgress> } = {}): Promise<Job> {
    return this.store.mutate(id, (job) => {
      this.assertHolder(job, owner);
      assertTransition(job.id, job.state, to);
      const now = this.now();
      const terminal = isTerminal(to) || to === 'queued';
      return {
        ...job,
        state: to,
        updatedAt: now.toISOString(),
        finishedAt: isTerminal(to) ? now.toISOString() : job.finishedAt,
        lease: terminal ? null : this.lease(owner, now),
        result: patch.result ?? job.result,
        error: patch.error === undefined ? (to === 'succeeded' ? null : job.error) : toJobError(patch.error),
        progress: patch.progress ? mergeProgress(job.progress, patch.progress, now) : job.progress,
      };
    });
  }

  /** Cancels a queued job at once; asks a running one to stop (its worker sees the flag at the next heartbeat). */
  async cancel(id: string): Promise<Job> {
    return this.store.mutate(id, (job) => {
      if (isTerminal(job.state)) throw new EngineError('failed_precondition', `job ${id} already ${job.state}`, { details: { jobId: id, state: job.state } });
      const now = this.now().toISOString();
      if (job.state === 'queued') return { ...job, state: 'cancelled', cancelRequested: true, updatedAt: now, finishedAt: now };
      return { ...job, cancelRequested: true, updatedAt: now };
    });
  }

  private lease(owner: string, now: Date): Job['lease'] {
    return { owner, heartbeatAt: now.toISOString(), expiresAt: new Date(now.getTime() + this.leaseMs).toISOString() };
  }

  private assertHolder(job: Job, owner: string): void {
    if (job.lease?.owner !== owner || isTerminal(job.state) || job.state === 'queued') {
      throw new EngineError('conflict', `job ${job.id}: ${owner} does not hold its lease (state ${job.state}, holder ${job.lease?.owner ?? 'none'})`, {
        details: { jobId: job.id, owner, holder: job.lease?.owner ?? null },
      });
    }
  }
}

function mergeProgress(current: JobProgress | null, patch: Partial<JobProgress>, now: Date): JobProgress {
  const base: JobProgress = current ?? {
    phase: 'starting',
    documents: 0,
    bytes: 0,
    collectionsDone: 0,
    collectionsTotal: null,
    documentsTotal: null,
    etaSeconds: null,
    updatedAt: now.toISOString(),
  };
  return { ...base, ...patch, updatedAt: now.toISOString() };
}
