/**
 * Restores on the real emulator, both backup methods, every mode × selection, checked against a model of what the
 * target must hold afterwards (computed from the target's prior state and the backup), value by value.
 */
import { randomBytes } from 'node:crypto';

import { firestoreEmulatorHost, testProjectId } from '../../../../test/emulator-env';
import { seedDemoData } from '../../../demo/seed-demo-data';
import { createFirestoreDatabases } from '../../adapters/firestore-databases';
import type { DocumentJson, FirestoreValueJson } from '../../format/firestore-value-json';
import { rewriteReferences } from '../../format/references';
import type { DatabaseRef } from '../../ports';
import { createEngineHarness, type EngineHarness } from '../testing/engine-harness';

import { readManagedExport } from '../../format/managed-export';
import { BackupDREngine } from '../backup-dr-engine';
import { Worker } from '../jobs/worker';
import { storeExportSource } from '../verify/verify-managed-backup';

import { contentHash } from './content-hash';
import { RESTORE_MODES, type RestoreMode } from './restore-types';
import { isSelected, parseSelection } from './selection';

jest.setTimeout(600_000);

let h: EngineHarness;
const dbs = createFirestoreDatabases({ emulatorHost: firestoreEmulatorHost() });
const backups: Record<'logical' | 'managed', string> = { logical: '', managed: '' };
let source: DatabaseRef;
let sourceDocs: DocumentJson[];

async function readAll(db: DatabaseRef): Promise<Map<string, DocumentJson['fields']>> {
  const out = new Map<string, DocumentJson['fields']>();
  for await (const d of dbs.open(db).streamDocuments()) if (!d.name.startsWith('backup_') && !d.name.startsWith('restore_')) out.set(d.name, d.fields);
  return out;
}

function hashes(docs: Map<string, DocumentJson['fields']>): Record<string, string> {
  return Object.fromEntries([...docs].map(([k, v]) => [k, contentHash(v)]).sort(([a], [b]) => (a! < b! ? -1 : 1)));
}

function freshTarget(): DatabaseRef {
  return { projectId: testProjectId('rt'), databaseId: '(default)' };
}

beforeAll(async () => {
  h = createEngineHarness('restore', { encryptionKey: randomBytes(32), stagingTarget: `project:${testProjectId('stg')}` });
  source = { projectId: h.projectId, databaseId: '(default)' };
  await seedDemoData(h.db, { documents: 150, seed: 3, projectId: h.projectId });
  for (const method of ['logical', 'managed'] as const) {
    const job = await h.run((await h.engine.createBackup({ method })).id);
    expect(job.state).toBe('succeeded');
    backups[method] = String(job.result?.backupId);
  }
  sourceDocs = [...(await readAll(source))].map(([name, fields]) => ({ name, fields }));
});

afterAll(async () => {
  await dbs.close();
  await h.close();
});

/** The target before a restore: a copy of the source with documents changed, removed and added. */
async function prepareTarget(target: DatabaseRef): Promise<Map<string, DocumentJson['fields']>> {
  const docs = sourceDocs
    .filter((_, i) => i % 17 !== 5)
    .map((d, i) => (i % 13 === 2 ? { ...d, fields: { ...d.fields, note: { stringValue: 'edited' }, extra: { booleanValue: true } } } : d))
    .map((d) => ({ ...d, fields: rewriteReferences(d.fields, source, target) }));
  docs.push({ name: 'users/zz-extra', fields: { v: { integerValue: '1' } } }, { name: 'zzz/extra', fields: {} }, { name: 'orders/o-000001/lineItems/zz', fields: {} });
  await dbs.open(target).writeDocuments(docs, { mode: 'overwrite', throttle: false });
  return readAll(target);
}

function model(before: Map<string, DocumentJson['fields']>, target: DatabaseRef, mode: RestoreMode, only: string[]): Map<string, DocumentJson['fields']> {
  const sel = parseSelection(only);
  const after = new Map(before);
  const backup = sourceDocs.filter((d) => isSelected(sel, d.name)).map((d) => ({ ...d, fields: rewriteReferences(d.fields, source, target) }));
  const names = new Set(backup.map((d) => d.name));
  for (const d of backup) {
    const existing = after.get(d.name);
    if (mode === 'skip-existing' && existing) continue;
    after.set(d.name, mode === 'merge' && existing ? { ...existing, ...d.fields } : d.fields);
  }
  if (mode === 'mirror') for (const name of before.keys()) if (isSelected(sel, name) && !names.has(name)) after.delete(name);
  return after;
}

describe.each(['logical', 'managed'] as const)('%s backup', (method) => {
  it('restores the whole backup into another project value by value, references rewritten', async () => {
    const target = freshTarget();
    const job = await h.run((await h.engine.createRestore({ backupId: backups[method], target: `project:${target.projectId}` })).id);
    expect(job).toMatchObject({ state: 'succeeded', result: { verified: true, totals: { created: sourceDocs.length, changed: 0, deleted: 0 } } });
    const restored = await readAll(target);
    const expected = new Map(sourceDocs.map((d) => [d.name, rewriteReferences(d.fields, source, target)]));
    expect(hashes(restored)).toEqual(hashes(expected));
    const order = restored.get('orders/o-000001');
    expect((order?.customer as Extract<FirestoreValueJson, { referenceValue: string }>).referenceValue).toMatch(new RegExp(`^projects/${target.projectId}/databases/\\(default\\)/documents/users/`));
    expect(restored.get('types/all-values')).toEqual(sourceDocs.find((d) => d.name === 'types/all-values')?.fields && rewriteReferences(sourceDocs.find((d) => d.name === 'types/all-values')!.fields, source, target));
  });

  const selections: Array<[string, string[]]> = [['whole', []], ['collection', ['users']], ['subtree', ['orders/o-000001/**']], ['single document', ['products/p-00001']]];
  describe.each(RESTORE_MODES.map((m) => [m] as const))('mode %s', (mode) => {
    it.each(selections)('%s: dry run predicts, the run does it, the target equals the model', async (_label, only) => {
      const target = freshTarget();
      const before = await prepareTarget(target);
      const dry = await h.run((await h.engine.createRestore({ backupId: backups[method], target: `project:${target.projectId}`, mode, only, dryRun: true })).id);
      expect(dry.state).toBe('succeeded');
      expect(hashes(await readAll(target))).toEqual(hashes(before)); // a dry run writes nothing
      const real = await h.run((await h.engine.createRestore({ backupId: backups[method], target: `project:${target.projectId}`, mode, only })).id);
      expect(real).toMatchObject({ state: 'succeeded', result: { verified: true } });
      expect(real.result?.totals).toEqual(dry.result?.totals);
      expect(hashes(await readAll(target))).toEqual(hashes(model(before, target, mode, only)));
    });
  });
});

describe('managed restores through importDocuments', () => {
  it('uses the import (where the backend has one) for a whole managed backup, then verifies like any restore', async () => {
    const target = freshTarget();
    const imports: string[] = [];
    const exports = h.engine.deps.exports;
    // The emulator has no import endpoint: this stands in for Google's, loading the stored export into the target.
    const withImport = {
      ...exports,
      startImport: async (req: DatabaseRef & { storePrefix: string }) => {
        const docs = [];
        for await (const d of readManagedExport(storeExportSource(h.engine.deps.store, req.storePrefix))) if (!d.name.startsWith('backup_')) docs.push(d);
        await dbs.open(req).writeDocuments(docs, { mode: 'overwrite', throttle: false });
        imports.push(req.storePrefix);
        return { operationName: `op-${imports.length}` };
      },
      checkImport: async () => ({ done: true, progress: { documents: sourceDocs.length } }),
    };
    const engine = new BackupDREngine({ ...h.engine.deps, exports: withImport }, h.jobs);
    const job = await engine.createRestore({ backupId: backups.managed, target: `project:${target.projectId}`, keepReferences: true, only: ['users', 'orders', 'products', 'types', 'orgs', 'archive', 'ghosts'] });
    const [done] = await new Worker({ jobs: h.jobs, owner: 'import-test', handlers: engine.handlers() }).runUntilIdle({ onlyId: job.id });
    expect(done).toMatchObject({ state: 'succeeded', result: { via: 'importDocuments', verified: true }, checkpoint: { importOperation: 'op-1' } });
    expect(imports).toEqual([`${h.projectId}/(default)/${backups.managed}/`]);
    expect(hashes(await readAll(target))).toEqual(hashes(new Map(sourceDocs.map((d) => [d.name, d.fields]))));
  });

  it('writes documents itself when references must be rewritten (import cannot)', async () => {
    const target = freshTarget();
    const engine = new BackupDREngine({ ...h.engine.deps, exports: { ...h.engine.deps.exports, startImport: async () => { throw new Error('must not import'); }, checkImport: async () => ({ done: true }) } }, h.jobs);
    const job = await engine.createRestore({ backupId: backups.managed, target: `project:${target.projectId}` });
    const [done] = await new Worker({ jobs: h.jobs, owner: 'import-test-2', handlers: engine.handlers() }).runUntilIdle({ onlyId: job.id });
    expect(done).toMatchObject({ state: 'succeeded', result: { via: 'writes', verified: true } });
  });
});

describe('guards', () => {
  it('refuses a production restore without the right confirmation before anything is written', async () => {
    const before = (await h.jobs.store.list({ kinds: ['restore'], limit: 1000 })).length;
    await expect(h.engine.createRestore({ backupId: backups.logical, target: 'production' })).rejects.toMatchObject({ code: 'permission_denied', message: expect.stringMatching(/--confirm demo-restore/) });
    await expect(h.engine.createRestore({ backupId: backups.logical, target: 'production', confirm: 'demo-wrong' })).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(h.engine.createRestore({ backupId: backups.logical, target: `project:${h.projectId}` })).rejects.toMatchObject({ code: 'invalid_argument', message: expect.stringMatching(/is the backup's source database/) });
    expect((await h.jobs.store.list({ kinds: ['restore'], limit: 1000 })).length).toBe(before);
  });

  it('recovers damaged production data after taking a safety backup', async () => {
    const prod = dbs.open(source);
    await prod.deleteDocuments(['users/u-000001', 'products/p-00002'], { throttle: false });
    await prod.writeDocuments([{ name: 'orders/o-000003', fields: { corrupted: { booleanValue: true } } }], { mode: 'overwrite', throttle: false });
    const job = await h.run((await h.engine.createRestore({ backupId: backups.logical, target: 'production', confirm: h.projectId })).id);
    expect(job).toMatchObject({ state: 'succeeded', result: { verified: true, totals: { created: 2, changed: 1 } } });
    expect(hashes(await readAll(source))).toEqual(hashes(new Map(sourceDocs.map((d) => [d.name, d.fields]))));
    const safety = await h.engine.getBackup(String(job.result?.safetyBackupId));
    expect(safety.result).toMatchObject({ trigger: expect.stringMatching(/^safety:/), verified: true });
    // The safety backup (of the damaged data) is now the newest backup; a second recovery must not start from it.
    const point = await h.engine.latestRecoveryPoint();
    expect(point?.backupId).not.toBe(safety.backupId);
    expect([backups.logical, backups.managed]).toContain(point?.backupId);
  });

  it('holds a production restore until a second admin approves it', async () => {
    const guarded = createEngineHarness('approval', { requireSecondApproval: true });
    try {
      await seedDemoData(guarded.db, { documents: 30, seed: 1, projectId: guarded.projectId });
      const backup = await guarded.run((await guarded.engine.createBackup({ method: 'logical' })).id);
      const job = await guarded.engine.createRestore({ backupId: String(backup.result?.backupId), target: 'production', confirm: guarded.projectId, requestedBy: { uid: 'alice' } });
      expect(await guarded.worker.runUntilIdle({ onlyId: job.id })).toEqual([]);
      expect((await guarded.jobs.get(job.id)).state).toBe('queued');
      await expect(guarded.engine.approveRestore(job.id, { uid: 'alice' })).rejects.toMatchObject({ code: 'permission_denied' });
      await guarded.engine.approveRestore(job.id, { uid: 'bob' });
      expect((await guarded.run(job.id)).state).toBe('succeeded');
    } finally {
      await guarded.close();
    }
  });
});
