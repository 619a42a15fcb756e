/**
 * Token bucket that follows Firestore's "500/50/5" ramp-up rule for writes to a database that has not seen this load:
 * start at 500 operations per second and increase by 50 % every 5 minutes
 * (https://cloud.google.com/firestore/docs/best-practices#ramping_up_traffic). The SDK's BulkWriter does the same
 * (dev/src/rate-limiter.ts); ours takes an injected clock so the schedule is testable.
 */

/** Milliseconds since some fixed origin; injected so tests drive time. */
export interface MonotonicClock {
  nowMs(): number;
}

export interface RampLimiterOptions {
  clock: MonotonicClock;
  /** Operations per second at the start. Default 500. */
  initialRate?: number;
  /** Factor applied every `stepMs`. Default 1.5. */
  multiplier?: number;
  /** Default 5 minutes. */
  stepMs?: number;
  /** Cap on the rate, whatever the ramp says. Default 10 000 ops/s (Firestore's soft per-database write limit). */
  maxRate?: number;
}

const DEFAULTS = { initialRate: 500, multiplier: 1.5, stepMs: 5 * 60_000, maxRate: 10_000 };

/**
 * A token bucket whose refill rate ramps up over time. Capacity is one second of the current rate. `reserve(n)` always
 * succeeds and says how long to wait first: a batch larger than the bucket borrows against future tokens instead of
 * waiting forever, which keeps the average rate right.
 */
export class RampLimiter {
  private readonly opts: Required<RampLimiterOptions>;
  private startMs: number | undefined;
  private lastMs = 0;
  private tokens = 0;

  constructor(opts: RampLimiterOptions) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** The allowed rate (ops/s) at `nowMs`: the ramp starts with the first reservation, as traffic does. */
  rateAt(nowMs: number): number {
    if (this.startMs === undefined) return this.opts.initialRate;
    const steps = Math.floor(Math.max(0, nowMs - this.startMs) / this.opts.stepMs);
    return Math.min(this.opts.maxRate, this.opts.initialRate * this.opts.multiplier ** steps);
  }

  /** Takes `n` tokens and returns the milliseconds to wait before issuing those operations (0 = go now). */
  reserve(n: number): number {
    const now = this.opts.clock.nowMs();
    if (this.startMs === undefined) {
      this.startMs = now;
      this.lastMs = now;
      this.tokens = this.opts.initialRate;
    }
    const rate = this.rateAt(now);
    this.tokens = Math.min(rate, this.tokens + ((now - this.lastMs) / 1000) * rate);
    this.lastMs = now;
    this.tokens -= n;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / rate) * 1000);
  }
}
