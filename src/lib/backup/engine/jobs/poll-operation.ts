/**
 * One poller for long-running operations (Google's export/import operations, a job another worker runs), modelled on
 * firebase-tools' `operation-poller.ts`: look at the operation, report progress, back off between looks, give up after
 * a master timeout, and stop when the job's signal aborts. It sleeps through the engine's Clock, so tests drive it
 * with a clock that advances instantly instead of waiting.
 */
import { EngineError } from '../../errors';
import type { Clock } from '../../ports';

/** One look at the operation: finished with a value, or still running (with what it reports so far). */
export type PollCheck<T, P = undefined> = { done: true; value: T } | { done: false; progress?: P };

/** Waits `ms`, or less when `signal` aborts (it resolves then; the poller decides what an abort means). */
export type Sleeper = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface Backoff {
  /** The first wait. */
  minMs: number;
  /** No wait is longer. */
  maxMs: number;
  /** Each wait is the previous one times this (1 = a fixed interval). */
  factor: number;
}

export interface PollOptions<T, P = undefined> {
  /** Names the operation in the timeout's message, e.g. `export projects/p/databases/(default)/operations/x`. */
  name: string;
  check(): Promise<PollCheck<T, P>>;
  /** Called after each look that found the operation still running. */
  onProgress?(progress: P | undefined): void;
  clock: Clock;
  /** Checked after each look that found the operation running; an abort also cuts the current wait short. */
  signal?: AbortSignal;
  /** Runs once when the poll stops for an abort (e.g. cancels the operation); its failure is ignored. */
  onAbort?(): Promise<void>;
  /** The error an abort throws; default EngineError `cancelled` "the job was cancelled". */
  abortError?(): Error;
  backoff?: Backoff;
  /** Gives up (EngineError `unavailable`, retryable) once this much clock time has passed; default never. */
  masterTimeoutMs?: number;
}

/** Google's long-running operations: a first look after 500 ms, then doubling to at most 30 s between looks. */
export const OPERATION_BACKOFF: Backoff = { minMs: 500, maxMs: 30_000, factor: 2 };

/** A real wait on the event loop: the default Clock's `sleep`. */
export const realSleep: Sleeper = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** The clock's own sleep, or a real wait for clocks that have none. */
export function sleeperOf(clock: Clock): Sleeper {
  const sleep = clock.sleep?.bind(clock);
  return sleep ?? realSleep;
}

/** The waits a backoff makes, in order (an endless sequence). */
export function* backoffDelays(b: Backoff): Generator<number> {
  for (let wait = b.minMs; ; wait = Math.min(b.maxMs, wait * b.factor)) yield Math.min(b.maxMs, wait);
}

/** Looks at the operation until it is done and returns its value; throws on abort or after the master timeout. */
export async function pollOperation<T, P = undefined>(opts: PollOptions<T, P>): Promise<T> {
  const sleep = sleeperOf(opts.clock);
  const started = opts.clock.now().getTime();
  for (const wait of backoffDelays(opts.backoff ?? OPERATION_BACKOFF)) {
    const state = await opts.check();
    if (state.done) return state.value;
    opts.onProgress?.(state.progress);
    if (opts.signal?.aborted) {
      await opts.onAbort?.().catch(() => undefined);
      throw opts.abortError?.() ?? new EngineError('cancelled', 'the job was cancelled');
    }
    const elapsed = opts.clock.now().getTime() - started;
    if (opts.masterTimeoutMs !== undefined && elapsed >= opts.masterTimeoutMs) {
      throw new EngineError('unavailable', `${opts.name} was still running after ${elapsed} ms`, { retryable: true, details: { operation: opts.name, elapsedMs: elapsed } });
    }
    await sleep(opts.masterTimeoutMs === undefined ? wait : Math.min(wait, opts.masterTimeoutMs - elapsed), opts.signal);
  }
  throw new EngineError('internal', 'backoff delays ended'); // unreachable: backoffDelays never ends
}
