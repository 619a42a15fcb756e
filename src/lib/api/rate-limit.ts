/**
 * Per-caller token buckets for mutating requests. In memory: each server instance limits on its own, which is enough
 * to stop a runaway script or a stuck button from queueing hundreds of jobs; it is not a global quota.
 */
import type { Clock } from '../backup/ports';

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
