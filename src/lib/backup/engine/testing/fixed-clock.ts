/** A clock tests move by hand. */
import type { Clock, IdGenerator } from '../../ports';

export interface FixedClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
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
  };
}

/** Ids `<prefix>-0001`, `<prefix>-0002`, … */
export function sequentialIds(): IdGenerator {
  let n = 0;
  return { newId: (prefix = 'id') => `${prefix}-${String(++n).padStart(4, '0')}` };
}
