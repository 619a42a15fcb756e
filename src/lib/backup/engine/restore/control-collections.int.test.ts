/**
 * Issue 15, findings 4 and 5, on the real emulator: a restore never touches the console's control collections —
 * not when `only` names one (refused before any job or safety backup), not when a pattern covers every collection
 * (mirror deletions and writes skip them), not when the backup itself included them — and the control database is
 * never a target unless it is also the data database. Control documents are read back with the raw client.
 */
import { CONTROL_COLLECTION_NAMES } from '../../control-collections';
import { readManagedExport } from '../../format/managed-export';
import type { DatabaseRef } from '../../ports';
import { stagingTargetSchema } from '../../restore-target';
import { BackupDREngine } from '../backup-dr-engine';
import { createEngineHarness, type EngineHarness } from '../testing/engine-harness';
import { Worker } from '../jobs/worker';
import { storeExportSource } from '../verify/verify-managed-backup';

import { testProjectId } from '../../../../test/emulator-env';

jest.setTimeout(180_000);

const { auditLog, config, backupJobs } = CONTROL_COLLECTION_NAMES;
let h: EngineHarness;
let backupId = '';
let production: DatabaseRef;
const stagingProject = testProjectId('ctl-stg');

/** Every document of the audit trail and the configuration, by path (the raw client: a second path to the data). */
async function controlDocs(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of [auditLog, config]) for (const d of (await h.db.collection(name).get()).docs) out[d.ref.path] = d.data();
  return out;
}

/** An engine over the harness's ports with its own options (the control database differs per test). */
function engineWith(controlDatabase: DatabaseRef, stagingTarget = `project:${stagingProject}`): BackupDREngine {
  return new BackupDREngine(h.engine.deps, h.jobs, { stagingTarget: stagingTargetSchema.parse(stagingTarget), controlDatabase });
}

async function run(engine: BackupDREngine, jobId: string) {
  await new Worker({ jobs: h.jobs, owner: 'ctl-test', handlers: engine.handlers() }).runUntilIdle({ onlyId: jobId });
  return h.jobs.get(jobId);
}

beforeAll(async () => {
  h = createEngineHarness('ctl-restore');
  production = { projectId: h.projectId, databaseId: '(default)' };
  await Promise.all([
    h.db.doc('users/u1').set({ name: 'Ada' }),
    h.db.doc('users/u2').set({ name: 'Grace' }),
    h.db.doc(`${auditLog}/000001`).set({ seq: 1, action: 'backup.create' }),
    h.db.doc(`${auditLog}/_head`).set({ seq: 1, hash: 'h1' }),
    h.db.doc(`${config}/retention`).set({ keepLast: 3 }),
  ]);
  // A backup that names the control collections explicitly (backups may; restores never bring them back).
  const job = await h.run((await h.engine.createBackup({ method: 'logical', include: ['users', auditLog, config], encrypt: false })).id);
  expect(job.state).toBe('succeeded');
  backupId = String(job.result?.backupId);
  // The trail moves on after the backup: a restore of the backup would rewind or (mirror) delete this.
  await h.db.doc(`${auditLog}/000002`).set({ seq: 2, action: 'restore.production' });
  await h.db.doc(`${auditLog}/_head`).set({ seq: 2, hash: 'h2' });
  await h.db.doc(`${config}/retention`).set({ keepLast: 9 });
});

afterAll(async () => h.close());

it("refuses only: ['backup_logs'] in a mirror restore before any job or safety backup, and the trail is intact", async () => {
  const before = await controlDocs();
  const jobsBefore = await h.jobs.store.list({ limit: 1000 });
  for (const only of [[auditLog], ['users', `${auditLog}/**`], [`${config}/retention`]]) {
    await expect(engineWith(production).createRestore({ backupId, target: 'production', confirm: h.projectId, mode: 'mirror', only })).rejects.toMatchObject({
      code: 'invalid_argument',
      message: expect.stringMatching(/names the control collection (backup_logs|backup_config)/),
    });
  }
  expect(await h.jobs.store.list({ limit: 1000 })).toHaveLength(jobsBefore.length);
  expect(await controlDocs()).toEqual(before);
});

it("a mirror restore of '*/**' into the database that holds the control collections leaves every control document alone", async () => {
  await h.db.doc('users/u2').delete();
  await h.db.doc('users/u3').set({ name: 'extra' });
  const before = await controlDocs();
  const engine = engineWith(production); // the default setup: control collections live in the data database
  const job = await engine.createRestore({ backupId, target: 'production', confirm: h.projectId, mode: 'mirror', only: ['*/**'] });
  const done = await run(engine, job.id);
  expect(done).toMatchObject({ state: 'succeeded', result: { verified: true } });
  // The data was mirrored (u2 back, u3 gone) …
  expect((await h.db.doc('users/u2').get()).exists).toBe(true);
  expect((await h.db.doc('users/u3').get()).exists).toBe(false);
  // … and nothing of the console's own was written or deleted: the trail's newest entry and head, the config, the jobs.
  expect(await controlDocs()).toEqual(before);
  expect((await h.db.collection(backupJobs).get()).size).toBeGreaterThanOrEqual(2); // the backup and the safety backup
  expect(Object.keys((done.result as { diff: Record<string, unknown> }).diff).filter((k) => k.startsWith('backup_') || k.startsWith('restore_'))).toEqual([]);
});

it('a whole-backup restore of a backup that included control collections restores the data only', async () => {
  const engine = engineWith(production);
  const done = await run(engine, (await engine.createRestore({ backupId, target: 'staging' })).id);
  expect(done.state).toBe('succeeded');
  const staging = h.engine.deps.databases.open({ projectId: stagingProject, databaseId: '(default)' });
  expect(await staging.listRootCollections()).toEqual(['users']);
});

it('a whole managed backup (the emulator exports the control collections too) is imported without them: the import names the other ids', async () => {
  const managed = await h.run((await h.engine.createBackup({ method: 'managed' })).id);
  expect({ state: managed.state, error: managed.error }).toEqual({ state: 'succeeded', error: null });
  const target = { projectId: testProjectId('ctl-imp'), databaseId: '(default)' };
  const asked: (string[] | undefined)[] = [];
  // The emulator has no import endpoint: this stands in for Google's, which imports every collection id it is given
  // (at any depth), or everything when given none.
  const exports = {
    ...h.engine.deps.exports,
    startImport: async (req: DatabaseRef & { storePrefix: string; collectionIds?: string[] }) => {
      asked.push(req.collectionIds);
      const docs = [];
      for await (const d of readManagedExport(storeExportSource(h.engine.deps.store, req.storePrefix))) {
        const parts = d.name.split('/');
        if (req.collectionIds === undefined || req.collectionIds.includes(parts[parts.length - 2] ?? '')) docs.push(d);
      }
      await h.engine.deps.databases.open(req).writeDocuments(docs, { mode: 'overwrite', throttle: false });
      return { operationName: 'op-ctl' };
    },
    checkImport: async () => ({ done: true, progress: { documents: 2 } }),
  };
  const engine = new BackupDREngine({ ...h.engine.deps, exports }, h.jobs, { controlDatabase: production });
  const job = await engine.createRestore({ backupId: String(managed.result?.backupId), target: `project:${target.projectId}`, keepReferences: true });
  const done = await run(engine, job.id);
  expect(done).toMatchObject({ state: 'succeeded', result: { via: 'importDocuments', verified: true } });
  expect(asked).toEqual([['users']]);
  expect(await h.engine.deps.databases.open(target).listRootCollections()).toEqual(['users']);
});

it('refuses the control database as a target, directly or as the staging target, when it is not the data database', async () => {
  const control = { projectId: h.projectId, databaseId: 'backup-control' };
  await expect(engineWith(control).createRestore({ backupId, target: 'database:backup-control' })).rejects.toMatchObject({
    code: 'invalid_argument',
    message: expect.stringContaining('is the control database'),
  });
  await expect(engineWith(control, 'database:backup-control').createRestore({ backupId, target: 'staging' })).rejects.toMatchObject({ code: 'invalid_argument' });
  // Any other new database is still a target.
  const job = await engineWith(control).createRestore({ backupId, target: 'database:restore-ok', dryRun: true });
  expect(job.state).toBe('queued');
  await h.jobs.cancel(job.id);
});
