/**
 * JobStore port: durable storage of jobs with atomic read-modify-write.
 *
 * Contract (adapters/testing/job-store-contract.ts runs it against every adapter):
 * - `create` stores a new job; a job with the same id already present → EngineError `already_exists` (callers derive
 *   the id from an idempotency key, so a repeated request finds the first job instead of starting a second).
 * - `mutate(id, fn)` reads the current job, calls `fn`, and stores its result atomically: if another writer changed the
 *   job in between, `fn` runs again on the new value (Firestore transaction semantics). `fn` may throw to abort;
 *   nothing is written then. A missing job → `not_found`.
 * - `list` returns newest first (by createdAt), filtered; `claimable(now)` returns queued jobs oldest first plus
 *   non-terminal jobs whose lease expired — candidates only: claiming happens through `mutate`.
 * - Documents read back are parsed (`parseJob`): a malformed document is an `integrity` error naming it.
 */
import type { Job, JobKind, JobState } from '../engine/jobs/job';

/** The job model a store keeps and the helpers it needs to read one back and answer `claimable`. */
export { isTerminal, leaseExpired, parseJob, type Job, type JobKind, type JobState } from '../engine/jobs/job';

export interface JobFilter {
  kinds?: JobKind[];
  states?: JobState[];
  /** Only jobs created before this ISO time (pagination cursor). */
  before?: string;
  limit?: number;
}

export interface JobStore {
  create(job: Job): Promise<Job>;
  get(id: string): Promise<Job | undefined>;
  mutate(id: string, fn: (current: Job) => Job): Promise<Job>;
  list(filter?: JobFilter): Promise<Job[]>;
  claimable(now: Date, limit: number): Promise<Job[]>;
  delete(id: string): Promise<void>;
}
