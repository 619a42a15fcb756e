import { createOpsFixture } from '../ops/testing/ops-fixture';

import { runDisasterRecovery, type RecoveryStep } from './disaster-recovery';

/** The engine over memory adapters: refusals and failed verification, before any database is touched. */
function setup() {
  const f = createOpsFixture();
  const started: string[] = [];
  const deps = {
    engine: f.engine,
    runJob: (id: string) => f.engine.jobs.get(id),
    startRestore: async (input: Parameters<typeof f.engine.createRestore>[0]) => {
      started.push(input.backupId);
      return f.engine.createRestore(input);
    },
    clock: f.clock,
    database: f.database,
  };
  const restoreJobs = async () => (await f.jobStore.list({ kinds: ['restore'] })).length;
  return { f, deps, started, restoreJobs };
}

describe('runDisasterRecovery', () => {
  it('with no recovery point fails at "pick the backup", naming the database and what to do, and queues nothing', async () => {
    const { deps, started, restoreJobs } = setup();
    const seen: RecoveryStep[] = [];
    const out = await runDisasterRecovery(deps, { onStep: (s) => seen.push(s) });
    expect(out.ok).toBe(false);
    expect(out.production).toBe(false);
    expect(out.steps).toEqual([expect.objectContaining({ step: 'pick the backup', ok: false })]);
    expect(seen).toEqual(out.steps);
    expect(out.ok ? '' : out.error).toMatch(/no verified whole-database backup of demo-ops\/\(default\) to recover from.*--backup <id>/);
    expect(started).toEqual([]);
    expect(await restoreJobs()).toBe(0);
  });

  it('does not count a safety backup or a backup of a selection as a recovery point', async () => {
    const { f, deps } = setup();
    await f.addBackup('2026-11-22T02:00:00.000Z', { trigger: 'safety:restore-x', id: '20261122T020000Z-safety' });
    await f.addBackup('2026-11-22T03:00:00.000Z', { include: ['users'], id: '20261122T030000Z-subset' });
    const out = await runDisasterRecovery(deps);
    expect(out.ok ? '' : out.error).toMatch(/no verified whole-database backup/);
  });

  it('a named backup missing from the catalog fails with not-found and queues nothing', async () => {
    const { deps, restoreJobs } = setup();
    const out = await runDisasterRecovery(deps, { backupId: 'no-such-backup' });
    expect(out.steps).toEqual([expect.objectContaining({ step: 'pick the backup', ok: false, detail: expect.stringContaining('no-such-backup is not in the catalog') })]);
    expect(await restoreJobs()).toBe(0);
  });

  it('stops at "verify the backup" when the backup does not verify: no restore is started', async () => {
    const { f, deps, started, restoreJobs } = setup();
    const job = await f.addBackup('2026-11-22T02:00:00.000Z');
    // The fixture's chunk is not a gzip stream: the content check fails, as it would for a corrupted chunk.
    const out = await runDisasterRecovery(deps, { production: true, confirm: 'demo-ops' });
    expect(out.production).toBe(true);
    expect(out.steps.map((s) => [s.step, s.ok])).toEqual([['pick the backup', true], ['verify the backup', false]]);
    expect(out.steps[0]?.detail).toBe(job.result?.backupId);
    expect(started).toEqual([]);
    expect(await restoreJobs()).toBe(0);
  });

  it('times each step with the injected clock', async () => {
    const { deps } = setup();
    let t = Date.UTC(2026, 10, 23);
    const out = await runDisasterRecovery({ ...deps, clock: { now: () => new Date((t += 250)) } });
    expect(out.steps.map((s) => s.ms)).toEqual([250]);
  });
});
