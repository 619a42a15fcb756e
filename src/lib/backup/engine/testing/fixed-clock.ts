/** A clock tests move by hand. */
import type { Clock, IdGenerator } from '../../ports';

export interface FixedClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
  /** Advances the clock by `ms` and resolves at once: polls run without waiting. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export function fixedClock(start: Date | string = '2026-11-23T12:00:00.000Z'): FixedClock {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (at) => {
      now = new Date(at);
    },
    advance: (ms) => {
      now = new Date(now.getTime() + ms);
    },
    sleep: (ms) => {
      now = new Date(now.getTime() + ms);
      return Promise.resolve();
    },
  };
}

/** Ids `<prefix>-0001`, `<prefix>-0002`, … */
export function sequentialIds(): IdGenerator {
  let n = 0;
  return { newId: (prefix = 'id') => `${prefix}-${String(++n).padStart(4, '0')}` };
}
