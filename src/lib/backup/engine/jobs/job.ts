/**
 * Jobs: every long operation (backup, restore, verify, drill) is a persisted state machine with a lease.
 *
 *   queued → running → verifying → succeeded | failed | cancelled
 *
 * One transition table decides what may follow what; stores apply transitions as compare-and-set so two workers can
 * never both move the same job. A job whose lease expired goes back to `queued` (attempts left) or to `failed`.
 */
import { z } from 'zod';

import { EngineError } from '../../errors';
import { JOB_STATES, type JobState } from '../../job-states';

// The states are defined once (job-states.ts, a leaf the contracts and portal share); the transitions live here.
export { isTerminal, JOB_STATES, TERMINAL_STATES, type JobState } from '../../job-states';

/** The only transitions there are. `running|verifying → queued` is the lease-expiry retry. */
export const TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  queued: ['running', 'cancelled', 'failed'],
  running: ['verifying', 'succeeded', 'failed', 'cancelled', 'queued'],
  verifying: ['succeeded', 'failed', 'cancelled', 'queued'],
  succeeded: [],
  failed: [],
  cancelled: [],
};

export const JOB_KINDS = ['backup', 'restore', 'verify', 'drill'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export function canTransition(from: JobState, to: JobState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws `conflict` naming both states when the table does not allow the move. */
export function assertTransition(jobId: string, from: JobState, to: JobState): void {
  if (!canTransition(from, to)) {
    throw new EngineError('conflict', `job ${jobId}: illegal transition ${from} → ${to}`, { details: { jobId, from, to } });
  }
}

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'an ISO date' });

export const leaseSchema = z.object({ owner: z.string().min(1), expiresAt: isoDate, heartbeatAt: isoDate });
export type Lease = z.infer<typeof leaseSchema>;

export const progressSchema = z.object({
  phase: z.string(),
  documents: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  collectionsDone: z.number().int().nonnegative(),
  collectionsTotal: z.number().int().nonnegative().nullable(),
  /** Expected total documents, when known (a count before the run), for the ETA. */
  documentsTotal: z.number().int().nonnegative().nullable(),
  etaSeconds: z.number().nonnegative().nullable(),
  updatedAt: isoDate,
});
export type JobProgress = z.infer<typeof progressSchema>;

export const jobErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type JobError = z.infer<typeof jobErrorSchema>;

export const actorSchema = z.object({ uid: z.string(), email: z.string().optional(), role: z.string().optional() });

/** The persisted job document, parsed whenever it is read back (a hand-edited document gives a clear error). */
export const jobSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(JOB_KINDS),
  state: z.enum(JOB_STATES),
  /** Use-case specific input, parsed by the handler of `kind`. */
  params: z.record(z.string(), z.unknown()),
  createdAt: isoDate,
  updatedAt: isoDate,
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
  lease: leaseSchema.nullable(),
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  progress: progressSchema.nullable(),
  error: jobErrorSchema.nullable(),
  /** Use-case specific output (for a backup: the catalog entry). */
  result: z.record(z.string(), z.unknown()).nullable(),
  /** Durable state a resumed attempt continues from (managed export operation name, restore checkpoint…). */
  checkpoint: z.record(z.string(), z.unknown()).nullable(),
  cancelRequested: z.boolean(),
  idempotencyKey: z.string().nullable(),
  requestedBy: actorSchema.nullable(),
});
export type Job = z.infer<typeof jobSchema>;

/** Parses a stored job; the message names the document and the first bad field. */
export function parseJob(id: string, data: unknown): Job {
  const r = jobSchema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue ? issue.path.join('.') || '(root)' : '(root)';
  throw new EngineError('integrity', `job document ${id} is not a valid job: ${where}: ${issue?.message ?? 'invalid'}`, {
    details: { jobId: id, issues: r.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) },
  });
}

export interface NewJob {
  id: string;
  kind: JobKind;
  params: Record<string, unknown>;
  idempotencyKey?: string;
  requestedBy?: Job['requestedBy'];
  maxAttempts?: number;
}

/** A fresh `queued` job. */
export function newJob(input: NewJob, now: Date): Job {
  const at = now.toISOString();
  return {
    id: input.id,
    kind: input.kind,
    state: 'queued',
    params: input.params,
    createdAt: at,
    updatedAt: at,
    startedAt: null,
    finishedAt: null,
    lease: null,
    attempts: 0,
    maxAttempts: input.maxAttempts ?? 3,
    progress: null,
    error: null,
    result: null,
    checkpoint: null,
    cancelRequested: false,
    idempotencyKey: input.idempotencyKey ?? null,
    requestedBy: input.requestedBy ?? null,
  };
}

/** True when the lease is missing or past its expiry at `now`. */
export function leaseExpired(job: Pick<Job, 'lease'>, now: Date): boolean {
  return job.lease === null || Date.parse(job.lease.expiresAt) <= now.getTime();
}

/** What a worker that finds an expired lease does: retry while attempts remain, else fail. */
export function expiryOutcome(job: Pick<Job, 'attempts' | 'maxAttempts' | 'state'>): 'queued' | 'failed' {
  return job.attempts < job.maxAttempts ? 'queued' : 'failed';
}

/** Converts anything thrown into the stored error shape (never a stack). */
export function toJobError(err: unknown): JobError {
  // No `details: undefined`: Firestore refuses undefined values unless told to ignore them.
  if (err instanceof EngineError) return { code: err.code, message: err.message, retryable: err.retryable, ...(err.details ? { details: err.details } : {}) };
  return { code: 'internal', message: err instanceof Error ? err.message : String(err), retryable: false };
}
