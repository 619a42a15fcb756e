import type { BackupStore } from '../../ports';
import { backupRoot, manifestKey } from '../backup/backup-deps';

import { readCatalog } from './catalog';
import { setLegalHold } from './legal-hold';
import { assertPlanIsSafe, pruneBackups } from './prune-backups';
import { TEST_ACTOR, createOpsFixture, type OpsFixture } from './testing/ops-fixture';

const policy = { keepLast: 2, daily: 0, weekly: 0, monthly: 0, maxAgeDays: 0, timeZone: 'UTC', updatedAt: null };

async function keys(f: OpsFixture, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for await (const o of f.store.list(prefix)) out.push(o.key);
  return out;
}

async function fourBackups(f: OpsFixture): Promise<string[]> {
  const ids: string[] = [];
  for (const day of ['01', '02', '03', '04']) ids.push((await f.addBackup(`2026-11-${day}T02:00:00.000Z`)).id);
  return ids;
}

describe('pruneBackups', () => {
  it('applies the policy per database and scope, with safety backups apart, so they never displace whole-database backups', async () => {
    const f = createOpsFixture();
    await f.addBackup('2026-11-01T02:00:00.000Z', { id: 'whole-1' });
    await f.addBackup('2026-11-02T02:00:00.000Z', { id: 'whole-2' });
    await f.addBackup('2026-11-03T01:00:00.000Z', { id: 'users-1', include: ['users'] });
    await f.addBackup('2026-11-03T02:00:00.000Z', { id: 'safety-1', trigger: 'safety:restore-1' });
    await f.addBackup('2026-11-03T03:00:00.000Z', { id: 'safety-2', trigger: 'safety:restore-2' });
    await f.addBackup('2026-11-03T04:00:00.000Z', { id: 'safety-3', trigger: 'safety:restore-3' });
    const report = await pruneBackups(f, { actor: TEST_ACTOR, policy });
    const verdicts = Object.fromEntries(report.decisions.map((d) => [d.backupId, d.decision]));
    expect(verdicts).toEqual({ 'safety-3': 'keep', 'safety-2': 'keep', 'safety-1': 'remove', 'users-1': 'keep', 'whole-2': 'keep', 'whole-1': 'keep' });
    expect(report.decisions.map((d) => d.backupId)).toEqual(['safety-3', 'safety-2', 'safety-1', 'users-1', 'whole-2', 'whole-1']);
    expect(report.deleted.map((d) => d.backupId)).toEqual(['safety-1']);
    expect(report.table).toContain('demo-ops/(default), whole database:\n');
    expect(report.table).toContain('demo-ops/(default), only users:\n');
    expect(report.table).toMatch(/demo-ops\/\(default\), whole database, safety backups:\n[\s\S]*keep 2, remove 1 of 3 backups/);
  });

  it('a dry run prints the table and deletes nothing', async () => {
    const f = createOpsFixture();
    await fourBackups(f);
    const before = await keys(f);
    const report = await pruneBackups(f, { actor: TEST_ACTOR, dryRun: true, policy });
    expect(report.decisions.map((d) => d.decision)).toEqual(['keep', 'keep', 'remove', 'remove']);
    expect(report.table).toMatch(/keep 2, remove 2 of 4 backups/);
    expect(report.deleted).toEqual([]);
    expect(await keys(f)).toEqual(before);
    expect(await f.audit.head()).toEqual({ seq: 0, hash: '0'.repeat(64) });
  });

  it('deletes removed backups manifest first, tombstones their catalog entries and audits each', async () => {
    const deletes: string[] = [];
    const record = (s: BackupStore): BackupStore => Object.assign(Object.create(s) as BackupStore, {
      delete: async (key: string) => {
        deletes.push(key);
        return s.delete(key);
      },
    });
    const f = createOpsFixture({ wrapStore: record });
    const ids = await fourBackups(f);
    const report = await pruneBackups(f, { actor: TEST_ACTOR, policy });
    expect(report.deleted.map((d) => d.jobId).sort()).toEqual([ids[0], ids[1]]);
    for (const d of report.deleted) {
      const root = backupRoot(f.database, d.backupId);
      const mine = deletes.filter((k) => k.startsWith(root));
      expect(mine[0]).toBe(manifestKey(f.database, d.backupId));
      expect(mine).toContain(`${root}chunks/000001.ndjson.gz`);
      expect(await keys(f, root)).toEqual([]);
    }
    const catalog = await readCatalog(f.jobStore);
    const gone = catalog.filter((e) => e.deletedAt !== null);
    expect(gone.map((e) => e.job.id).sort()).toEqual([ids[0], ids[1]]);
    expect(gone.every((e) => e.result?.verified === false && e.deletingAt !== null)).toBe(true);
    const trail = await f.audit.list();
    expect(trail.map((e) => e.action)).toEqual(['retention.prune', 'backup.delete', 'backup.delete']);
    // A second prune finds nothing more to do.
    expect((await pruneBackups(f, { actor: TEST_ACTOR, policy })).deleted).toEqual([]);
  });

  it('a hold set after the plan was made still wins: the entry is skipped, its files stay', async () => {
    const f = createOpsFixture();
    const ids = await fourBackups(f);
    const store = f.engine.jobs.store;
    const list = store.list.bind(store);
    // The catalog is read, then someone holds the oldest backup before prune gets to it.
    store.list = async (filter) => {
      const jobs = await list(filter);
      await store.mutate(String(ids[0]), (j) => ({ ...j, result: { ...j.result, legalHold: { reason: 'late', setBy: 'x', setAt: j.createdAt } } }));
      return jobs;
    };
    const report = await pruneBackups(f, { actor: TEST_ACTOR, policy });
    expect(report.skipped).toEqual([{ backupId: expect.any(String), reason: expect.stringMatching(/under legal hold/) }]);
    expect(report.deleted.map((d) => d.jobId)).toEqual([ids[1]]);
    const held = (await readCatalog(f.jobStore)).find((e) => e.job.id === ids[0]);
    expect(held?.deletingAt).toBeNull();
    expect(await keys(f, backupRoot(f.database, String(held?.backupId)))).toHaveLength(2);
  });

  it('never deletes a held backup', async () => {
    const f = createOpsFixture();
    const ids = await fourBackups(f);
    const oldest = (await readCatalog(f.jobStore)).find((e) => e.job.id === ids[0]);
    await setLegalHold(f, { backupId: String(oldest?.backupId), reason: 'case 42', actor: TEST_ACTOR });
    const report = await pruneBackups(f, { actor: TEST_ACTOR, policy });
    expect(report.decisions.find((d) => d.backupId === oldest?.backupId)?.reasons[0]).toMatch(/^legal hold: case 42/);
    expect(report.deleted.map((d) => d.jobId)).toEqual([ids[1]]);
    expect(await keys(f, backupRoot(f.database, String(oldest?.backupId)))).toHaveLength(2);
  });

  it('removes the leftover files of failed backups and marks them pruned, keeping the job for the history', async () => {
    const f = createOpsFixture();
    await fourBackups(f);
    const failed = await f.addBackup('2026-11-05T02:00:00.000Z', { state: 'failed', id: 'failed-1' });
    const report = await pruneBackups(f, { actor: TEST_ACTOR, policy });
    expect(report.deleted.map((d) => d.backupId)).toContain('failed-1');
    expect(await keys(f, backupRoot(f.database, 'failed-1'))).toEqual([]);
    const entry = (await readCatalog(f.jobStore)).find((e) => e.job.id === failed.id);
    expect(entry?.job.state).toBe('failed');
    expect(entry?.prunedAt).not.toBeNull();
  });

  it('finishes a prune interrupted mid-deletion on the next run, and reports what failed', async () => {
    const f = createOpsFixture();
    const ids = await fourBackups(f);
    f.faults.failNext('delete', { error: new Error('disk gone'), times: 2 });
    const first = await pruneBackups(f, { actor: TEST_ACTOR, policy });
    expect(first.failed.map((x) => x.error)).toEqual(['disk gone', 'disk gone']);
    const stuck = (await readCatalog(f.jobStore)).filter((e) => e.deletingAt !== null && e.deletedAt === null);
    expect(stuck.map((e) => e.job.id).sort()).toEqual([ids[0], ids[1]]);
    const second = await pruneBackups(f, { actor: TEST_ACTOR, policy });
    expect(second.deleted.map((d) => d.jobId).sort()).toEqual([ids[0], ids[1]]);
    expect((await f.audit.list({ action: 'backup.delete', outcome: 'failed' })).length).toBe(2);
  });

  it('uses the stored retention document, else the fallback', async () => {
    const f = createOpsFixture();
    await fourBackups(f);
    await expect(pruneBackups(f, { actor: TEST_ACTOR, dryRun: true })).rejects.toThrow(/no retention policy/);
    const fallback = await pruneBackups(f, { actor: TEST_ACTOR, dryRun: true, fallback: { keepLast: 3, daily: 0, weekly: 0, monthly: 0, maxAgeDays: 0 } });
    expect(fallback.decisions.filter((d) => d.decision === 'keep')).toHaveLength(3);
    await f.config.setRetention({ ...policy, keepLast: 1 });
    const stored = await pruneBackups(f, { actor: TEST_ACTOR, dryRun: true, fallback: { keepLast: 3, daily: 0, weekly: 0, monthly: 0, maxAgeDays: 0 } });
    expect(stored.decisions.filter((d) => d.decision === 'keep')).toHaveLength(1);
  });
});

describe('assertPlanIsSafe', () => {
  const at = (d: string) => new Date(`2026-11-${d}T00:00:00Z`);
  const summaries = [
    { backupId: 'new', createdAt: at('02'), status: 'verified' as const, method: 'logical' as const },
    { backupId: 'held', createdAt: at('01'), status: 'verified' as const, method: 'logical' as const, legalHold: { reason: 'x', setBy: 'y', setAt: at('01') } },
  ];
  const decision = (backupId: string, d: 'keep' | 'remove') => ({ backupId, createdAt: at('01'), status: 'verified' as const, decision: d, reasons: [] });

  it('refuses a plan that removes the newest verified or a held backup', () => {
    expect(() => assertPlanIsSafe(summaries, [decision('new', 'remove'), decision('held', 'keep')])).toThrow(/would delete new/);
    expect(() => assertPlanIsSafe(summaries, [decision('new', 'keep'), decision('held', 'remove')])).toThrow(/would delete held/);
    expect(() => assertPlanIsSafe(summaries, [decision('new', 'keep'), decision('held', 'keep')])).not.toThrow();
  });
});
