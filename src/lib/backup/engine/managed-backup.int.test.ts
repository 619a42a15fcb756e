/**
 * Managed backups end to end on the real emulator: demo data → emulator export → file:// bucket → manifest last →
 * verified; counts equal a direct count of the source; damage is found and named.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Firestore } from '@google-cloud/firestore';

import { firestoreEmulatorHost, testProjectId } from '../../../test/emulator-env';
import { seedDemoData } from '../../demo/seed-demo-data';
import { createEmulatorExportService } from '../adapters/export/emulator-export-service';
import { createFileBackupStore } from '../adapters/file/file-backup-store';
import { createFirestoreJobStore } from '../adapters/firestore-control/firestore-job-store';
import type { DocumentDatabases } from '../ports';

import { BackupDREngine } from './backup-dr-engine';
import { JobService } from './jobs/job-service';
import { Worker } from './jobs/worker';

jest.setTimeout(180_000);

const projectId = testProjectId('managed');
const db = new Firestore({ projectId });
const bucketDir = mkdtempSync(join(tmpdir(), 'managed-bucket-'));
const clock = { now: () => new Date() };
const noDatabases: DocumentDatabases = { open: () => { throw new Error('not used by managed backups'); }, close: async () => undefined };
let engine: BackupDREngine;
let worker: Worker;

beforeAll(async () => {
  await seedDemoData(db, { documents: 600, seed: 7, projectId });
  const store = createFileBackupStore(bucketDir);
  const jobs = new JobService({ store: createFirestoreJobStore(db), clock, leaseMs: 30_000 });
  engine = new BackupDREngine(
    {
      store,
      databases: noDatabases,
      exports: createEmulatorExportService({ host: firestoreEmulatorHost(), store }),
      clock,
      ids: { newId: (p = 'id') => `${p}-${Date.now()}` },
      tool: { name: 'test', version: '0.0.0' },
      database: { projectId, databaseId: '(default)' },
    },
    jobs,
  );
  worker = new Worker({ jobs, owner: 'test-worker', handlers: engine.handlers() });
});

afterAll(async () => {
  await db.terminate();
  rmSync(bucketDir, { recursive: true, force: true });
});

async function countGroup(group: string): Promise<number> {
  return (await db.collectionGroup(group).count().get()).data().count;
}

it('lands Google\'s layout plus a manifest, verified, with counts equal to the source', async () => {
  const job = await engine.createBackup({ method: 'managed' });
  const [done] = await worker.runUntilIdle({ onlyId: job.id });
  expect(done).toMatchObject({ state: 'succeeded', result: { verified: true, method: 'managed' } });
  const backupId = String(done?.result?.backupId);
  const root = join(bucketDir, projectId, '(default)', backupId);
  const files = readdirSync(root, { recursive: true }).map(String);
  expect(files.some((f) => f.endsWith('.overall_export_metadata'))).toBe(true);
  expect(files).toContain(join('all_namespaces', 'all_kinds', 'output-0'));
  expect(files).toContain('manifest.json');

  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { collections: Record<string, { documents: number }>; totals: { documents: number } };
  // A managed export copies the whole database; the control collections live here too (restores skip them).
  expect(manifest.totals.documents).toBe(600 + (manifest.collections.backup_jobs?.documents ?? 0));
  expect(manifest.collections.backup_jobs?.documents).toBeGreaterThanOrEqual(1);
  expect(manifest.collections.users?.documents).toBe(await countGroup('users'));
  expect(manifest.collections['users/*/events']?.documents).toBe(await countGroup('events'));
  expect(manifest.collections['orders/*/lineItems']?.documents).toBe(await countGroup('lineItems'));
  expect(manifest.collections['ghosts/*/children']?.documents).toBe(1);

  const listed = await engine.listBackups({ states: ['succeeded'] });
  expect(listed.map((b) => b.backupId)).toContain(backupId);
  expect((await engine.verifyBackup(backupId)).ok).toBe(true);
});

it('names the damaged file when a byte is flipped or a file is deleted', async () => {
  const job = await engine.createBackup({ method: 'managed' });
  const [done] = await worker.runUntilIdle({ onlyId: job.id });
  const backupId = String(done?.result?.backupId);
  const root = join(bucketDir, projectId, '(default)', backupId);
  const output = join(root, 'all_namespaces', 'all_kinds', 'output-0');
  const bytes = readFileSync(output);
  bytes[100] = (bytes[100] ?? 0) ^ 0xff;
  writeFileSync(output, bytes);
  const flipped = await engine.verifyBackup(backupId);
  expect(flipped.ok).toBe(false);
  expect(flipped.findings).toEqual([expect.objectContaining({ code: 'sha256_mismatch', file: 'all_namespaces/all_kinds/output-0' })]);

  rmSync(output);
  const missing = await engine.verifyBackup(backupId);
  expect(missing.findings).toEqual([expect.objectContaining({ code: 'missing_file', file: 'all_namespaces/all_kinds/output-0' })]);
  expect(existsSync(join(root, 'manifest.json'))).toBe(true);
});
