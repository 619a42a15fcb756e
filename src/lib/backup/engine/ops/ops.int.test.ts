/**
 * The operations loop on the real emulator with a file:// bucket: concurrent scheduler ticks, prune on disk, reindex
 * after the catalog is wiped. Time is a fixed clock the tests move.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { createMemoryAuditLogStore } from '../../adapters/memory/memory-audit-log-store';
import { createFirestoreConfigStore } from '../../adapters/firestore-control/config-store';
import type { BackupStore } from '../../ports';
import { BackupDREngine } from '../backup-dr-engine';
import { backupRoot } from '../backup/backup-deps';
import { createEngineHarness, type EngineHarness } from '../testing/engine-harness';
import { fixedClock } from '../testing/fixed-clock';

import type { OpsDeps } from './catalog';
import { pruneBackups } from './prune-backups';
import { reindexCatalog } from './reindex-catalog';
import { runScheduledTick } from './scheduled-tick';
import { sampleSchedule } from './testing/config-store-contract';

jest.setTimeout(180_000);

const clock = fixedClock('2026-11-23T02:00:30.000Z');
const SYSTEM = { system: 'scheduler' };
let h: EngineHarness;

function deps(engine: BackupDREngine = h.engine): OpsDeps {
  // A config store client of its own per caller, as two scheduler processes would have.
  const { store, clock, keyWrapper } = engine.deps;
  return { engine, config: createFirestoreConfigStore(h.db), audit: createMemoryAuditLogStore(), jobStore: engine.jobs.store, store, clock, keyWrapper };
}

async function seed(n: number): Promise<void> {
  const batch = h.db.batch();
  for (let i = 0; i < n; i++) batch.set(h.db.collection('users').doc(`u${i}`), { n: i, name: `user ${i}` });
  batch.set(h.db.collection('users').doc('u0').collection('events').doc('e1'), { kind: 'login' });
  await batch.commit();
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

const backupDir = () => join(h.bucketDir, h.projectId, '(default)');

beforeAll(async () => {
  h = createEngineHarness('ops', { clock });
  await seed(20);
});
afterAll(() => h.close());

it('two concurrent ticks at the same instant start exactly one backup, which succeeds', async () => {
  await deps().config.putSchedule(sampleSchedule({ lastRunSlot: '2026-11-21T02:00:00.000Z' }));
  const [a, b] = await Promise.all([
    runScheduledTick(deps(), { owner: 'tick-a', actor: SYSTEM, retentionFallback: { keepLast: 7, daily: 0, weekly: 0, monthly: 0, maxAgeDays: 0 } }),
    runScheduledTick(deps(), { owner: 'tick-b', actor: SYSTEM, retentionFallback: { keepLast: 7, daily: 0, weekly: 0, monthly: 0, maxAgeDays: 0 } }),
  ]);
  expect([a.schedules[0]?.action, b.schedules[0]?.action].sort()).toEqual(['already started', 'started']);
  const jobs = (await h.db.collection('backup_jobs').get()).docs;
  expect(jobs.map((d) => d.id)).toEqual(['backup-sched-nightly-20261123T0200Z']);
  expect([...a.ran, ...b.ran]).toEqual([{ jobId: 'backup-sched-nightly-20261123T0200Z', kind: 'backup', state: 'succeeded', error: null }]);
  // The tick that ran the backup pruned afterwards (nothing to remove: one backup).
  expect([a.prune, b.prune].filter(Boolean)).toHaveLength(1);
  const schedule = await deps().config.getSchedule('nightly');
  expect(schedule?.lastRunSlot).toBe('2026-11-23T02:00:00.000Z');
  expect(schedule?.missed).toEqual({ count: 1, last: ['2026-11-22T02:00:00.000Z'] });
  const [item] = await h.engine.listBackups();
  expect(item?.result).toMatchObject({ verified: true, documents: 21, trigger: 'schedule:nightly@2026-11-23T02:00:00.000Z' });
});

it('prune deletes the manifest first: interrupted after it, the folder is no longer a restorable backup', async () => {
  for (const day of ['24', '25']) {
    clock.set(`2026-11-${day}T03:00:00.000Z`);
    await h.run((await h.engine.createBackup({ method: 'logical' })).id);
  }
  const before = await h.engine.listBackups();
  expect(before).toHaveLength(3);
  const oldest = String(before[2]?.backupId);
  // A store whose deletes of anything but a manifest fail, as a prune killed right after the manifest went.
  const inner = h.engine.deps.store;
  const brittle: BackupStore = Object.assign(Object.create(inner) as BackupStore, {
    delete: async (key: string) => (key.endsWith('/manifest.json') ? inner.delete(key) : Promise.reject(new Error('killed'))),
  });
  const policy = { keepLast: 2, daily: 0, weekly: 0, monthly: 0, maxAgeDays: 0, timeZone: 'UTC', updatedAt: null };
  const broken = await pruneBackups(deps(new BackupDREngine({ ...h.engine.deps, store: brittle }, h.jobs)), { actor: SYSTEM, policy });
  expect(broken.failed).toEqual([{ backupId: oldest, error: 'killed' }]);
  const folder = join(backupDir(), oldest);
  expect(existsSync(join(folder, 'manifest.json'))).toBe(false);
  expect(readdirSync(join(folder, 'chunks')).length).toBeGreaterThan(0);
  await expect(h.engine.createRestore({ backupId: oldest, target: 'database:restored' })).rejects.toThrow(/not a verified backup/);
  expect((await reindexCatalog(deps(), { actor: SYSTEM })).found).toEqual([]);

  const finished = await pruneBackups(deps(), { actor: SYSTEM, policy });
  expect(finished.deleted.map((d) => d.backupId)).toEqual([oldest]);
  // The file store leaves empty directories behind; no file of the pruned backup remains.
  expect(filesUnder(folder)).toEqual([]);
  expect(readdirSync(backupDir()).filter((d) => filesUnder(join(backupDir(), d)).length > 0).sort()).toEqual([before[0]?.backupId, before[1]?.backupId].sort());
});

it('reindex after wiping backup_jobs restores the same catalog: ids, counts, bytes, collections', async () => {
  clock.set('2026-11-26T03:00:00.000Z');
  await h.run((await h.engine.createBackup({ method: 'managed' })).id);
  const live = (await h.engine.listBackups({ states: ['succeeded'] })).filter((b) => b.result?.verified);
  expect(live.map((b) => b.method).sort()).toEqual(['logical', 'logical', 'managed']);
  const jobs = await h.db.collection('backup_jobs').get();
  await Promise.all(jobs.docs.map((d) => d.ref.delete()));
  expect(await h.engine.listBackups()).toEqual([]);

  const report = await reindexCatalog(deps(), { actor: SYSTEM, verify: 'full' });
  expect(report.unreadable).toEqual([]);
  expect(report.found.map((f) => f.backupId).sort()).toEqual(live.map((b) => b.backupId).sort());
  expect(report.found.every((f) => f.verified)).toBe(true);
  const rebuilt = await h.engine.listBackups();
  const pick = (items: typeof live) =>
    items.map((b) => ({ backupId: b.backupId, method: b.method, documents: b.result?.documents, bytes: b.result?.bytes, files: b.result?.files, collections: b.result?.collections, verified: b.result?.verified })).sort((x, y) => x.backupId.localeCompare(y.backupId));
  expect(pick(rebuilt)).toEqual(pick(live));
  // The rebuilt catalog is usable: a reindexed backup verifies and can be restored from.
  const newestLogical = rebuilt.find((b) => b.method === 'logical');
  expect((await h.engine.verifyBackup(String(newestLogical?.backupId))).ok).toBe(true);
  expect(existsSync(join(h.bucketDir, backupRoot({ projectId: h.projectId, databaseId: '(default)' }, String(newestLogical?.backupId)), 'manifest.json'))).toBe(true);
  expect((await reindexCatalog(deps(), { actor: SYSTEM })).known).toHaveLength(3);
});
