/**
 * Job states, the one list (issue 16): engine, stores, contracts, portal and CLI name states from here. What may follow
 * what stays in the engine (engine/jobs/job.ts, `TRANSITIONS`). A leaf module without imports, so contracts and client
 * components may use it.
 *
 *   queued → running → verifying → succeeded | failed | cancelled
 */

/** Every state, in lifecycle order. */
export const JOB_STATES = ['queued', 'running', 'verifying', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States a job never leaves. */
export const TERMINAL_JOB_STATES = ['succeeded', 'failed', 'cancelled'] as const satisfies readonly JobState[];
export type TerminalJobState = (typeof TERMINAL_JOB_STATES)[number];
export const TERMINAL_STATES: ReadonlySet<JobState> = new Set(TERMINAL_JOB_STATES);

/** States in which a worker holds the job's lease (a lease that expires sends the job back to `queued` or `failed`). */
export const LEASED_JOB_STATES = ['running', 'verifying'] as const satisfies readonly JobState[];

/** States of a job that has not ended: waiting or leased. */
export const UNFINISHED_JOB_STATES = ['queued', ...LEASED_JOB_STATES] as const satisfies readonly JobState[];

export function isTerminal(state: JobState): state is TerminalJobState {
  return TERMINAL_STATES.has(state);
}

/** Narrows text (a query string, a stored field) to a state. */
export function isJobState(text: string): text is JobState {
  return (JOB_STATES as readonly string[]).includes(text);
}
