import { RampLimiter } from './ramp-limiter';

function fakeClock(start = 1_000) {
  let now = start;
  return { nowMs: () => now, advance: (ms: number) => (now += ms) };
}

describe('RampLimiter (500/50/5)', () => {
  it('starts at 500 ops/s and grows by 50 % every 5 minutes from the first reservation', () => {
    const clock = fakeClock();
    const limiter = new RampLimiter({ clock });
    expect(limiter.rateAt(clock.nowMs())).toBe(500);
    limiter.reserve(1);
    clock.advance(5 * 60_000 - 1);
    expect(limiter.rateAt(clock.nowMs())).toBe(500);
    clock.advance(1);
    expect(limiter.rateAt(clock.nowMs())).toBe(750);
    clock.advance(5 * 60_000);
    expect(limiter.rateAt(clock.nowMs())).toBe(1125);
  });

  it('caps the rate at maxRate', () => {
    const clock = fakeClock();
    const limiter = new RampLimiter({ clock, maxRate: 600 });
    limiter.reserve(1);
    clock.advance(60 * 60_000);
    expect(limiter.rateAt(clock.nowMs())).toBe(600);
  });

  it('lets a full second of operations through at once, then makes callers wait for tokens', () => {
    const clock = fakeClock();
    const limiter = new RampLimiter({ clock });
    expect(limiter.reserve(500)).toBe(0);
    expect(limiter.reserve(250)).toBe(500);
    // The debt is paid by waiting: half a second later the next 250 wait another half second.
    clock.advance(500);
    expect(limiter.reserve(250)).toBe(500);
    clock.advance(2_000);
    expect(limiter.reserve(500)).toBe(0);
  });

  it('keeps the long-run average at the allowed rate', () => {
    const clock = fakeClock();
    const limiter = new RampLimiter({ clock });
    let ops = 0;
    while (clock.nowMs() < 1_000 + 60_000) {
      clock.advance(limiter.reserve(100));
      ops += 100;
    }
    // One minute at 500/s plus the initial one-second burst.
    expect(ops).toBeGreaterThanOrEqual(30_400);
    expect(ops).toBeLessThanOrEqual(30_600);
  });

  it('lets a batch larger than the bucket through after the right wait instead of blocking forever', () => {
    const clock = fakeClock();
    const limiter = new RampLimiter({ clock, initialRate: 100 });
    expect(limiter.reserve(300)).toBe(2_000);
  });
});
