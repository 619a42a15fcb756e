/**
 * Per-caller token buckets. In memory: each server instance limits on its own, which is enough to stop a runaway
 * script or a stuck button from queueing hundreds of jobs, and a flood of anonymous requests from costing more than a
 * token check each; it is not a global quota.
 */
import type { Clock } from '../backup';

export interface RateLimitOptions {
  /** Burst size: requests allowed at once. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
  clock: Clock;
  /** Buckets kept at most; the least recently used are dropped first. */
  maxKeys?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly opts: RateLimitOptions) {}

  /** Takes one token from `key`'s bucket, or says how long until one is available. */
  take(key: string): RateDecision {
    const now = this.opts.clock.now().getTime();
    const { capacity, refillPerSecond } = this.opts;
    const prev = this.buckets.get(key) ?? { tokens: capacity, at: now };
    const tokens = Math.min(capacity, prev.tokens + (Math.max(0, now - prev.at) / 1000) * refillPerSecond);
    this.buckets.delete(key);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      this.evict();
      return { ok: true };
    }
    this.buckets.set(key, { tokens, at: now });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerSecond)) };
  }

  private evict(): void {
    const max = this.opts.maxKeys ?? 10_000;
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= max) return;
      this.buckets.delete(key);
    }
  }
}

/** What a request is limited as: a signed-in caller's reads or writes (per uid), or an anonymous one (per address). */
export type LimitKind = 'read' | 'write' | 'anonymous';

export type Budget = Pick<RateLimitOptions, 'capacity' | 'refillPerSecond'>;

/** Writes as before (20 at once, then one every 3 s); reads generous; anonymous callers per address. */
export const DEFAULT_BUDGETS: Readonly<Record<LimitKind, Budget>> = {
  read: { capacity: 300, refillPerSecond: 5 },
  write: { capacity: 20, refillPerSecond: 1 / 3 },
  anonymous: { capacity: 30, refillPerSecond: 1 },
};

/** One bucket set per kind, so a caller's reads never use up its writes. */
export class RequestLimits {
  private readonly limiters: Record<LimitKind, RateLimiter>;

  constructor(budgets: Partial<Record<LimitKind, Budget>>, clock: Clock) {
    const make = (kind: LimitKind) => new RateLimiter({ ...(budgets[kind] ?? DEFAULT_BUDGETS[kind]), clock });
    this.limiters = { read: make('read'), write: make('write'), anonymous: make('anonymous') };
  }

  take(kind: LimitKind, key: string): RateDecision {
    return this.limiters[kind].take(key);
  }
}
