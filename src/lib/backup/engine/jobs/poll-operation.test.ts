import { isEngineError } from '../../errors';
import { fixedClock, type FixedClock } from '../testing/fixed-clock';

import { backoffDelays, pollOperation, realSleep, sleeperOf, type PollCheck } from './poll-operation';

/** A fixed clock that records each sleep it is asked for. */
function recordingClock(): FixedClock & { sleeps: number[] } {
  const clock = fixedClock();
  const sleeps: number[] = [];
  return {
    ...clock,
    sleeps,
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return clock.sleep(ms, signal);
    },
  };
}

/** An operation that is done on its `doneAt`-th look, reporting the look number as progress before. */
function operation(doneAt: number) {
  let looks = 0;
  return {
    looks: () => looks,
    check: async (): Promise<PollCheck<string, number>> => {
      looks += 1;
      return looks >= doneAt ? { done: true, value: `done after ${looks}` } : { done: false, progress: looks };
    },
  };
}

describe('pollOperation', () => {
  it('backs off from min, multiplying by factor up to max, and returns the value of the look that found it done', async () => {
    const clock = recordingClock();
    const op = operation(9);
    const progress: Array<number | undefined> = [];
    const value = await pollOperation({ name: 'op', check: op.check, clock, onProgress: (p) => progress.push(p), backoff: { minMs: 500, maxMs: 30_000, factor: 2 } });
    expect(value).toBe('done after 9');
    expect(clock.sleeps).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('does not sleep when the first look finds the operation done', async () => {
    const clock = recordingClock();
    await expect(pollOperation({ name: 'op', check: operation(1).check, clock })).resolves.toBe('done after 1');
    expect(clock.sleeps).toEqual([]);
  });

  it('polls at a fixed interval with factor 1', async () => {
    const clock = recordingClock();
    await pollOperation({ name: 'op', check: operation(4).check, clock, backoff: { minMs: 500, maxMs: 500, factor: 1 } });
    expect(clock.sleeps).toEqual([500, 500, 500]);
  });

  it('gives up after the master timeout with a retryable error naming the operation, without sleeping past it', async () => {
    const clock = recordingClock();
    const op = operation(Number.POSITIVE_INFINITY);
    const err: unknown = await pollOperation({ name: 'import projects/p/operations/x', check: op.check, clock, masterTimeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(isEngineError(err, 'unavailable')).toBe(true);
    expect((err as Error).message).toBe('import projects/p/operations/x was still running after 10000 ms');
    expect((err as { retryable: boolean }).retryable).toBe(true);
    // 500 + 1000 + 2000 + 4000 = 7500, then only the 2500 left, then one last look.
    expect(clock.sleeps).toEqual([500, 1_000, 2_000, 4_000, 2_500]);
    expect(op.looks()).toBe(6);
  });

  it('stops on abort after a look that found the operation running: runs onAbort once, then throws cancelled', async () => {
    const clock = recordingClock();
    const abort = new AbortController();
    const op = operation(Number.POSITIVE_INFINITY);
    let aborts = 0;
    const check = async () => {
      if (op.looks() === 2) abort.abort();
      return op.check();
    };
    const onAbort = async () => {
      aborts += 1;
      throw new Error('cancel failed too'); // ignored: the abort is what the caller hears about
    };
    const err: unknown = await pollOperation({ name: 'op', check, clock, signal: abort.signal, onAbort }).catch((e: unknown) => e);
    expect(isEngineError(err, 'cancelled')).toBe(true);
    expect((err as Error).message).toBe('the job was cancelled');
    expect(aborts).toBe(1);
    expect(op.looks()).toBe(3);
    expect(clock.sleeps).toEqual([500, 1_000]);
  });

  it('returns the value when the look after an abort finds the operation done, and throws the caller\'s abort error otherwise', async () => {
    const clock = recordingClock();
    const abort = new AbortController();
    abort.abort();
    await expect(pollOperation({ name: 'op', check: operation(1).check, clock, signal: abort.signal })).resolves.toBe('done after 1');
    await expect(
      pollOperation({ name: 'op', check: operation(2).check, clock, signal: abort.signal, abortError: () => new Error('drill d was cancelled') }),
    ).rejects.toThrow('drill d was cancelled');
  });

  it('backoffDelays never exceeds max, even when min does', () => {
    const take = (n: number, g: Generator<number>) => Array.from({ length: n }, () => g.next().value as number);
    expect(take(4, backoffDelays({ minMs: 250, maxMs: 1_000, factor: 3 }))).toEqual([250, 750, 1_000, 1_000]);
    expect(take(2, backoffDelays({ minMs: 5_000, maxMs: 1_000, factor: 2 }))).toEqual([1_000, 1_000]);
  });
});

describe('sleepers', () => {
  it("uses the clock's own sleep when it has one, else a real timer", () => {
    const clock = fixedClock();
    const sleep = sleeperOf(clock);
    expect(sleep).not.toBe(realSleep);
    expect(sleeperOf({ now: () => new Date() })).toBe(realSleep);
  });

  it('the fixed clock sleeps by advancing itself', async () => {
    const clock = fixedClock('2026-11-23T12:00:00.000Z');
    await sleeperOf(clock)(1_500);
    expect(clock.now().toISOString()).toBe('2026-11-23T12:00:01.500Z');
  });

  it('realSleep resolves early when its signal aborts, and at once when it already has', async () => {
    const abort = new AbortController();
    const waiting = realSleep(60_000, abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBeUndefined();
    await expect(realSleep(60_000, abort.signal)).resolves.toBeUndefined();
  });
});
