import { RateLimiter, RequestLimits } from './rate-limit';

function limiter(capacity = 2, refillPerSecond = 0.5) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const rl = new RateLimiter({ capacity, refillPerSecond, clock: { now: () => new Date(now) }, maxKeys: 3 });
  return { rl, advance: (ms: number) => (now += ms) };
}

it('allows a burst of `capacity`, then refuses with the seconds until the next token', () => {
  const { rl } = limiter();
  expect(rl.take('a')).toEqual({ ok: true });
  expect(rl.take('a')).toEqual({ ok: true });
  expect(rl.take('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
});

it('refills over time and never above capacity', () => {
  const { rl, advance } = limiter();
  rl.take('a');
  rl.take('a');
  advance(1_000);
  expect(rl.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
  advance(1_000);
  expect(rl.take('a')).toEqual({ ok: true });
  advance(3_600_000);
  expect([rl.take('a'), rl.take('a'), rl.take('a')].map((d) => d.ok)).toEqual([true, true, false]);
});

it('keeps callers apart and forgets the least recently used beyond maxKeys', () => {
  const { rl } = limiter(1, 0.001);
  expect(rl.take('a').ok).toBe(true);
  expect(rl.take('a').ok).toBe(false);
  expect(rl.take('b').ok).toBe(true);
  rl.take('c');
  rl.take('d');
  rl.take('e');
  // `a` was evicted, so it starts with a full bucket again.
  expect(rl.take('a').ok).toBe(true);
});

it('keeps reads, writes and anonymous callers in separate budgets', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const limits = new RequestLimits({ read: { capacity: 1, refillPerSecond: 0.001 }, write: { capacity: 2, refillPerSecond: 0.001 } }, { now: () => new Date(now) });
  expect(limits.take('read', 'uid:a').ok).toBe(true);
  expect(limits.take('read', 'uid:a').ok).toBe(false);
  expect([limits.take('write', 'uid:a').ok, limits.take('write', 'uid:a').ok, limits.take('write', 'uid:a').ok]).toEqual([true, true, false]);
  // Anonymous callers get the default budget (30 at once).
  expect(Array.from({ length: 31 }, () => limits.take('anonymous', 'ip:192.0.2.1').ok).filter(Boolean)).toHaveLength(30);
});
