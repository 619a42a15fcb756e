import type { AuditInput } from '../backup/engine/audit/audit-entry';

import { RefusalTally } from './refusal-tally';

function tally(windowMs = 60_000) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const appended: AuditInput[] = [];
  const timers: (() => void)[] = [];
  const t = new RefusalTally({
    clock: { now: () => new Date(now) },
    append: async (e) => appended.push(e),
    log: () => undefined,
    windowMs,
    schedule: (_ms, fn) => {
      timers.push(fn);
      return { cancel: () => timers.splice(timers.indexOf(fn), 1) };
    },
  });
  return { t, appended, timers, advance: (ms: number) => (now += ms) };
}

it('counts refusals of one window into one entry, by address, claimed uid and action', async () => {
  const { t, appended } = tally();
  for (let i = 0; i < 50; i += 1) t.record({ ip: i % 2 ? '192.0.2.2' : '192.0.2.1', action: 'job.cancel', ...(i === 0 ? { claimedUid: 'u1' } : {}) });
  t.record({ action: 'backup.create' });
  expect(appended).toHaveLength(0);
  await t.flush();
  expect(appended).toHaveLength(1);
  expect(appended[0]).toMatchObject({
    actor: { system: 'api' },
    action: 'api.unauthenticated',
    outcome: 'refused',
    reason: '51 unauthenticated request(s) refused from 3 address(es) since 2026-01-01T00:00:00.000Z',
    params: {
      count: 51,
      addresses: [{ ip: '192.0.2.1', count: 25 }, { ip: '192.0.2.2', count: 25 }, { ip: 'unknown', count: 1 }],
      claimedUids: [{ uid: 'u1', count: 1 }],
      actions: [{ action: 'job.cancel', count: 50 }, { action: 'backup.create', count: 1 }],
    },
  });
  await t.flush();
  expect(appended).toHaveLength(1);
});

it('closes a window on the next refusal after it, or on its timer', async () => {
  const { t, appended, timers, advance } = tally();
  t.record({ action: 'a' });
  advance(60_000);
  t.record({ action: 'b' });
  await t.flush();
  expect(appended.map((e) => e.params?.count)).toEqual([1, 1]);
  t.record({ action: 'c' });
  expect(timers).toHaveLength(1);
  timers[0]?.();
  await t.flush();
  expect(appended.map((e) => e.params?.count)).toEqual([1, 1, 1]);
});

it('keeps memory bounded when every refusal names a new address', async () => {
  const { t, appended } = tally();
  for (let i = 0; i < 3_000; i += 1) t.record({ ip: `2001:db8::${i.toString(16)}`, action: 'x' });
  await t.flush();
  const addresses = appended[0]?.params?.addresses as { ip: string; count: number }[];
  expect(addresses[0]).toEqual({ ip: 'other', count: 2_000 });
  expect(addresses).toHaveLength(20);
});
