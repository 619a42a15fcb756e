// The drill end to end on the real emulator: a file:// bucket, a seeded source project and a separate staging project.
import { randomBytes } from 'node:crypto';

import { Firestore } from '@google-cloud/firestore';

import { runDrillCommand } from '../../../../../scripts/lib/drill-command';
import { testProjectId } from '../../../../test/emulator-env';
import { seedDemoData } from '../../../demo/seed-demo-data';
import { captureLog, harnessRuntime } from '../health/testing/harness-runtime';
import { startWebhookReceiver } from '../health/testing/webhook-receiver';
import { drillReportSchema } from './drill-report';
import { createEngineHarness, type EngineHarness } from '../testing/engine-harness';

jest.setTimeout(120_000);

async function storedDrills(db: Firestore) {
  const snap = await db.collection('backup_reports').where('kind', '==', 'drill').get();
  return snap.docs.map((d) => ({ id: d.id, payload: drillReportSchema.parse(d.get('payload')) }));
}

describe('drill on a seeded database', () => {
  const stagingProject = testProjectId('drill-staging');
  let h: EngineHarness;
  let staging: Firestore;
  let seeded: number;

  beforeAll(async () => {
    h = createEngineHarness('drill', { stagingTarget: `project:${stagingProject}`, encryptionKey: randomBytes(32) });
    staging = new Firestore({ projectId: stagingProject });
    seeded = await seedDemoData(h.db, { documents: 200, seed: 1, projectId: h.projectId });
  });
  afterAll(async () => {
    await staging.terminate();
    await h.close();
  });

  it('passes all 8 steps, stores the report, leaves staging empty and keeps the verified backup', async () => {
    const rt = harnessRuntime(h);
    const { out, result } = await captureLog(() => runDrillCommand(rt, {}, false, { schedules: [{ id: 'nightly', cron: '0 2 * * *' }] }));
    expect(result).toBe(0);
    expect(out).toMatch(/✓ 1\/8 initialize/);
    expect(out).toMatch(/✓ 8\/8 production-readiness checklist/);
    expect(out).toMatch(/drill drill-\S+ PASSED \(not production-ready/);

    const [stored, ...more] = await storedDrills(h.db);
    expect(more).toEqual([]);
    const report = stored?.payload;
    expect(report?.ok).toBe(true);
    expect(report?.steps.map((s) => `${s.step}:${s.status}`)).toEqual(['initialize', 'backup', 'validate', 'restore', 'compare', 'cleanup', 'metrics', 'checklist'].map((s) => `${s}:passed`));
    expect(report?.metrics.documents).toBe(seeded);
    expect(report?.metrics.rtoMs).toEqual(expect.any(Number));
    expect(report?.metrics.bytes).toBeGreaterThan(0);
    expect(report?.staging).toEqual({ projectId: stagingProject, databaseId: '(default)' });
    expect(Object.fromEntries(report?.checklist.map((c) => [c.id, c.ok]) ?? [])).toEqual({
      'bucket-reachable': true,
      encryption: true,
      // The only backup is the drill's own: routine backups are what this asks about.
      'recent-verified-backup': false,
      'restore-rehearsed': true,
      'staging-isolated': true,
      'alert-webhook': false,
      retention: true,
      schedules: true,
    });

    // Second paths: the restored documents are gone from staging; the drill backup is in the catalog, verified.
    expect(await staging.listCollections()).toEqual([]);
    const backups = await h.engine.listBackups();
    expect(backups.map((b) => [b.backupId, b.result?.trigger, b.result?.verified])).toEqual([[report?.metrics.backupId, 'drill', true]]);
    expect((await h.engine.verifyBackup(String(report?.metrics.backupId))).ok).toBe(true);
  });

  it('drills on the named root collections only, and staging outside them is left alone', async () => {
    await staging.doc('keep/me').set({ note: 'not part of the drill' });
    const { result } = await captureLog(() => runDrillCommand(harnessRuntime(h), { collections: ['users', 'products'] }, true));
    expect(result).toBe(0);
    const latest = (await storedDrills(h.db)).map((r) => r.payload).sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
    const users = await h.db.collection('users').count().get();
    const products = await h.db.collection('products').count().get();
    expect(latest?.metrics.collections).toBe(2);
    // users carry events subcollections: the backup holds more than the top-level documents.
    expect(latest?.metrics.documents).toBeGreaterThan(users.data().count + products.data().count);
    expect((await staging.listCollections()).map((c) => c.id)).toEqual(['keep']);
    await staging.doc('keep/me').delete();
  });

  it('with a routine backup in the RPO window and --strict, readiness depends on every item', async () => {
    const job = await h.engine.createBackup({ method: 'logical', trigger: 'cli' });
    expect((await h.run(job.id)).state).toBe('succeeded');
    const rt = harnessRuntime(h);
    const { result, out } = await captureLog(() => runDrillCommand(rt, { strict: true }, true));
    // Still not ready (no webhook, no schedule): strict turns that into a failure, with every step passed.
    expect(result).toBe(1);
    const printed = JSON.parse(out) as { ok: boolean; report: { ok: boolean; checklist: Array<{ id: string; ok: boolean }> } };
    expect(printed.ok).toBe(false);
    expect(printed.report.ok).toBe(true);
    expect(printed.report.checklist.filter((c) => !c.ok).map((c) => c.id)).toEqual(['alert-webhook', 'schedules']);
  });
});

describe('drill with a broken step', () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = createEngineHarness('drill-broken');
    await seedDemoData(h.db, { documents: 50, seed: 2, projectId: h.projectId });
  });
  afterAll(async () => h.close());

  it('fails at initialize without a staging target, exits 1, stores the failed report and alerts once', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const rt = harnessRuntime(h, { alertWebhookUrl: receiver.url });
      const { out, result } = await captureLog(() => runDrillCommand(rt, {}, false));
      expect(result).toBe(1);
      expect(out).toMatch(/✗ 1\/8 initialize: .*no staging target is configured/);
      expect(out).toMatch(/- 2\/8 create a test backup: skipped/);
      expect(out).toMatch(/FAILED at step initialize/);

      const [stored] = await storedDrills(h.db);
      expect(stored?.payload).toMatchObject({ ok: false, failedStep: 'initialize', staging: null, backupKept: false });
      expect(stored?.payload.steps.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped', 'passed']);
      expect(stored?.payload.checklist.find((c) => c.id === 'bucket-reachable')?.ok).toBe(true);
      expect(stored?.payload.checklist.find((c) => c.id === 'staging-isolated')?.hint).toContain('BACKUP_STAGING_TARGET');
      expect(await h.engine.listBackups()).toEqual([]);

      const keys = receiver.posts.map((p) => (p.attachments as Array<{ fields: Array<{ title: string; value: string }> }>)[0]?.fields.find((f) => f.title === 'Incident')?.value);
      expect(keys.sort()).toEqual(['drill-failed', 'rpo-breach']);
    } finally {
      await receiver.stop();
    }
  });
});
