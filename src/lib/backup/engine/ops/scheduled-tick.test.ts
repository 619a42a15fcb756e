import { newJob } from '../jobs/job';

import { runScheduledTick } from './scheduled-tick';
import { sampleSchedule } from './testing/config-store-contract';
import { TEST_ACTOR, createOpsFixture } from './testing/ops-fixture';

const SYSTEM = { system: 'scheduler' };

describe('runScheduledTick (memory stores; the backups themselves fail: no database in unit tests)', () => {
  it('starts the due slot with its slot key, records it, and a repeat of the same tick starts nothing new', async () => {
    const f = createOpsFixture({ now: '2026-11-23T02:00:30.000Z' });
    await f.config.putSchedule(sampleSchedule({ lastRunSlot: '2026-11-22T02:00:00.000Z' }));
    const report = await runScheduledTick(f, { owner: 'tick-a', actor: SYSTEM });
    expect(report.schedules).toEqual([
      { scheduleId: 'nightly', action: 'started', due: '2026-11-23T02:00:00.000Z', missed: [], missedOmitted: 0, jobId: 'backup-sched-nightly-20261123T0200Z' },
    ]);
    const job = await f.engine.getJob('backup-sched-nightly-20261123T0200Z');
    expect(job.params).toMatchObject({ method: 'logical', trigger: 'schedule:nightly@2026-11-23T02:00:00.000Z' });
    expect(report.ran.map((r) => r.jobId)).toEqual([job.id]);
    expect((await f.config.getSchedule('nightly'))?.lastRunSlot).toBe('2026-11-23T02:00:00.000Z');
    const again = await runScheduledTick(f, { owner: 'tick-b', actor: SYSTEM });
    expect(again.schedules[0]?.action).toBe('not due');
    expect(await f.engine.jobs.store.list({ kinds: ['backup'] })).toHaveLength(1);
  });

  it('two concurrent ticks at the same instant start one backup and count missed slots once', async () => {
    const f = createOpsFixture({ now: '2026-11-23T12:00:00.000Z' });
    await f.config.putSchedule(sampleSchedule({ lastRunSlot: '2026-11-20T02:00:00.000Z' }));
    const [a, b] = await Promise.all([
      runScheduledTick(f, { owner: 'tick-a', actor: SYSTEM }),
      runScheduledTick(f, { owner: 'tick-b', actor: SYSTEM }),
    ]);
    expect([a.schedules[0]?.action, b.schedules[0]?.action].sort()).toEqual(['already started', 'started']);
    expect(await f.engine.jobs.store.list({ kinds: ['backup'] })).toHaveLength(1);
    const s = await f.config.getSchedule('nightly');
    expect(s?.lastRunSlot).toBe('2026-11-23T02:00:00.000Z');
    expect(s?.missed).toEqual({ count: 2, last: ['2026-11-21T02:00:00.000Z', '2026-11-22T02:00:00.000Z'] });
  });

  it('--report-only lists due and missed slots and changes nothing', async () => {
    const f = createOpsFixture({ now: '2026-11-23T12:00:00.000Z' });
    await f.config.putSchedule(sampleSchedule({ lastRunSlot: '2026-11-21T02:00:00.000Z' }));
    await f.config.putSchedule(sampleSchedule({ id: 'off', enabled: false, lastRunSlot: '2026-11-01T02:00:00.000Z' }));
    const report = await runScheduledTick(f, { owner: 'tick', actor: SYSTEM, reportOnly: true });
    expect(report.schedules.map((s) => [s.scheduleId, s.action, s.due, s.missed])).toEqual([
      ['nightly', 'report only', '2026-11-23T02:00:00.000Z', ['2026-11-22T02:00:00.000Z']],
      ['off', 'disabled', null, []],
    ]);
    expect(report.ran).toEqual([]);
    expect(await f.engine.jobs.store.list()).toEqual([]);
    expect((await f.config.getSchedule('nightly'))?.lastRunSlot).toBe('2026-11-21T02:00:00.000Z');
  });

  it('evaluates cron in the schedule\'s time zone', async () => {
    // 02:00 in New York (EST, UTC-5) is 07:00 UTC.
    const f = createOpsFixture({ now: '2026-11-23T07:00:10.000Z' });
    await f.config.putSchedule(sampleSchedule({ timeZone: 'America/New_York', lastRunSlot: '2026-11-22T07:00:00.000Z' }));
    const report = await runScheduledTick(f, { owner: 'tick', actor: SYSTEM, reportOnly: true });
    expect(report.schedules[0]?.due).toBe('2026-11-23T07:00:00.000Z');
  });

  it('expires dead leases before running, and --force starts a backup regardless of schedules', async () => {
    const f = createOpsFixture({ now: '2026-11-23T12:00:00.000Z' });
    const params = { backupId: 'stale', method: 'logical', database: f.database, include: [], exclude: [], encrypt: false, trigger: 'x' };
    const stale = newJob({ id: 'backup-stale', kind: 'backup', params }, new Date('2026-11-23T11:00:00Z'));
    await f.engine.jobs.store.create({ ...stale, state: 'running', attempts: 3, lease: { owner: 'dead', heartbeatAt: '2026-11-23T11:00:00Z', expiresAt: '2026-11-23T11:01:00Z' } });
    const report = await runScheduledTick(f, { owner: 'tick', actor: TEST_ACTOR, force: { method: 'managed' } });
    expect(report.expired).toEqual([{ jobId: 'backup-stale', state: 'failed' }]);
    expect((await f.engine.getJob('backup-stale')).error?.message).toMatch(/stopped renewing its lease/);
    expect(report.forced?.jobId).toMatch(/^backup-/);
    expect((await f.engine.getJob(String(report.forced?.jobId))).params).toMatchObject({ method: 'managed', trigger: 'forced' });
    expect(report.ran.map((r) => r.jobId)).toEqual([report.forced?.jobId]);
    expect(report.prune).toBeNull();
  });
});
