/**
 * Workers killed mid-job (SIGKILL of a real `npm run worker` process): no manifest is ever left behind, the dead
 * worker's lease expires, and the job is then resumed (logical backup, restore) or failed with a clear reason
 * (an emulator export that died with its process). The resumed restore ends equal to the source.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { firestoreEmulatorHost, testProjectId } from '../../../test/emulator-env';
import { seedDemoData } from '../../demo/seed-demo-data';
import { createFirestoreDatabases } from '../adapters/firestore-databases';
import type { DatabaseRef } from '../ports';

import { BackupDREngine } from './backup-dr-engine';
import type { Job } from './jobs/job';
import { JobService } from './jobs/job-service';
import { Worker } from './jobs/worker';
import { contentHash } from './restore/content-hash';
import { createEngineHarness, type EngineHarness } from './testing/engine-harness';

jest.setTimeout(300_000);

/** The composition's lease; a clock this far ahead sees the dead worker's lease as expired. */
const LEASE_MS = 60_000;
let h: EngineHarness;
const dbs = createFirestoreDatabases({ emulatorHost: firestoreEmulatorHost() });

beforeAll(async () => {
  h = createEngineHarness('crash');
  await seedDemoData(h.db, { documents: 12_000, seed: 5, projectId: h.projectId });
});

afterAll(async () => {
  await dbs.close();
  await h.close();
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function startWorker(): ChildProcess {
  const env = {
    ...process.env,
    BACKUP_PROJECT_ID: h.projectId,
    BACKUP_BUCKET_URL: `file://${h.bucketDir}`,
    BACKUP_STAGING_TARGET: undefined,
    BACKUP_ENCRYPTION_KEY: undefined,
  };
  // `node --import tsx` rather than the tsx binary: the binary forks a child that a SIGKILL of the parent leaves running.
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('scripts/worker.ts')], { env, stdio: 'ignore' });
  children.push(child);
  return child;
}

async function killWhen(child: ChildProcess, jobId: string, ready: (job: Job) => boolean): Promise<Job> {
  for (let i = 0; i < 1_200; i++) {
    const job = await h.jobs.get(jobId);
    if (ready(job)) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      return h.jobs.get(jobId);
    }
    if (job.state === 'succeeded' || job.state === 'failed') throw new Error(`job ended (${job.state}) before the kill`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the job never reached the point to kill it at');
}

/**
 * Runs a job as a worker restarted a minute later would: same control collections and bucket, a clock past the dead
 * worker's lease.
 */
async function resumeAfterLease(jobId: string): Promise<Job | undefined> {
  const clock = { now: () => new Date(Date.now() + LEASE_MS + 5_000) };
  const jobs = new JobService({ store: h.jobs.store, clock, leaseMs: LEASE_MS });
  const engine = new BackupDREngine({ ...h.engine.deps, clock }, jobs);
  const [done] = await new Worker({ jobs, owner: 'restarted', handlers: engine.handlers() }).runUntilIdle({ onlyId: jobId });
  return done;
}

function manifests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('manifest.json'));
}

it('a logical backup killed mid-stream leaves no manifest and is resumed after its lease expires', async () => {
  const job = await h.engine.createBackup({ method: 'logical' });
  const child = startWorker();
  // Claimed, then given a moment to be mid-stream (12k documents take a few seconds to read and write).
  const killed = await killWhen(child, job.id, (j) => j.state === 'running' && Date.now() - Date.parse(j.startedAt ?? '') > 600);
  expect(killed.state).toBe('running');
  expect(manifests(h.bucketDir)).toEqual([]);

  const done = await resumeAfterLease(job.id);
  expect(done).toMatchObject({ state: 'succeeded', attempts: 2, result: { verified: true, documents: 12_000 } });
  expect(manifests(h.bucketDir)).toHaveLength(1);
});

it('a restore killed midway resumes from its checkpoint and ends equal to the source', async () => {
  const backup = await h.run((await h.engine.createBackup({ method: 'logical' })).id);
  const target: DatabaseRef = { projectId: testProjectId('crash-t'), databaseId: '(default)' };
  const job = await h.engine.createRestore({ backupId: String(backup.result?.backupId), target: `project:${target.projectId}`, keepReferences: true });
  const child = startWorker();
  const killed = await killWhen(child, job.id, (j) => typeof j.checkpoint?.docsDone === 'number' && j.checkpoint.docsDone > 0);
  expect(killed.state).toBe('running');
  const checkpoint = Number(killed.checkpoint?.docsDone);

  const done = await resumeAfterLease(job.id);
  expect(done).toMatchObject({ state: 'succeeded', attempts: 2, result: { verified: true } });
  expect(checkpoint).toBeGreaterThan(0);

  const read = async (db: DatabaseRef): Promise<Record<string, string>> => {
    const out: Record<string, string> = {};
    for await (const d of dbs.open(db).streamDocuments()) if (!d.name.startsWith('backup_') && !d.name.startsWith('restore_')) out[d.name] = contentHash(d.fields);
    return out;
  };
  expect(await read(target)).toEqual(await read({ projectId: h.projectId, databaseId: '(default)' }));
});

it('a managed export whose worker died fails with a clear reason, never a manifest', async () => {
  const job = await h.engine.createBackup({ method: 'managed' });
  const child = startWorker();
  await killWhen(child, job.id, (j) => j.state === 'running');
  const root = join(h.bucketDir, h.projectId, '(default)', String(job.params.backupId));
  expect(manifests(root)).toEqual([]);
  const done = await resumeAfterLease(job.id);
  // Either the export had not started (the retry runs it to success) or it died inside the dead process (failed).
  if (done?.state === 'failed') expect(done.error?.message).toMatch(/interrupted/);
  else expect(done).toMatchObject({ state: 'succeeded', result: { verified: true } });
  expect(manifests(root).length).toBe(done?.state === 'succeeded' ? 1 : 0);
});
