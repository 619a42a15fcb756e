/**
 * `npm run backup -- jobs` against the Firestore emulator: the real entry point lists a succeeded and a running job
 * (a running one with its progress), filters by kind and state, and keeps --json one document on stdout.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Firestore } from '@google-cloud/firestore';

import { loadEngineConfig } from '../src/lib/backup/config';
import { createRuntime, type Runtime } from '../src/lib/backup/composition';
import { firestoreEmulatorHost, testProjectId } from '../src/test/emulator-env';

import { runCli } from './lib/testing/run-cli';

jest.setTimeout(120_000);

const projectId = testProjectId('cli-jobs');
const env = {
  BACKUP_PROJECT_ID: projectId,
  BACKUP_BUCKET_URL: `file://${mkdtempSync(join(tmpdir(), 'cli-jobs-'))}`,
  FIRESTORE_EMULATOR_HOST: firestoreEmulatorHost(),
};
let rt: Runtime;
let succeededId: string;
let runningId: string;

const cli = (...args: string[]) => runCli(env, ...args);

beforeAll(async () => {
  const db = new Firestore({ projectId });
  await db.doc('products/p1').set({ name: 'one' });
  await db.terminate();
  rt = createRuntime(loadEngineConfig({ ...process.env, ...env }));
  const done = await rt.engine.createBackup({ method: 'logical', trigger: 'test' });
  succeededId = done.id;
  await rt.worker.runUntilIdle({ onlyId: done.id });
  // A second backup claimed by a worker that is still at it: running, with a live lease and some progress.
  const running = await rt.engine.createBackup({ method: 'logical', trigger: 'test' });
  runningId = running.id;
  await rt.jobs.claim('other-worker', { onlyId: running.id });
  await rt.jobs.heartbeat(running.id, 'other-worker', { progress: { phase: 'reading', documents: 7, bytes: 2048 } });
});

afterAll(async () => {
  await rt.close();
});

it('lists the running and the succeeded backup, newest first, as one JSON document', async () => {
  const r = await cli('jobs', '--json');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { ok: boolean; jobs: Array<{ id: string; kind: string; state: string }> };
  expect(out.ok).toBe(true);
  expect(out.jobs.map((j) => [j.id, j.kind, j.state])).toEqual([
    [runningId, 'backup', 'running'],
    [succeededId, 'backup', 'succeeded'],
  ]);
});

it('filters by state and by kind, and shows a running job with its progress', async () => {
  const running = await cli('jobs', '--state', 'running,verifying');
  expect(running.code).toBe(0);
  expect(running.stdout).toMatch(new RegExp(`^${runningId} +backup +running .*reading: 7 docs`, 'm'));
  expect(running.stdout).not.toContain(succeededId);
  const restores = await cli('jobs', '--kind', 'restore');
  expect(restores).toMatchObject({ code: 0, stdout: 'no jobs match\n' });
});

it('create prints its job line on stderr before the job ends, and --json keeps stdout one document', async () => {
  const r = await cli('create', '--json');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { ok: boolean; job: { id: string; state: string } };
  expect(out).toMatchObject({ ok: true, job: { state: 'succeeded' } });
  expect(r.stderr.split('\n')[0]).toBe(`job ${out.job.id} queued — follow it with: npm run backup -- status ${out.job.id}`);
});

describe('the audit trail of CLI jobs', () => {
  it('records a backup started from the CLI, with the OS user and the job id', async () => {
    const [entry] = await rt.audit.list({ action: 'backup.create', limit: 1 });
    expect(entry).toMatchObject({ action: 'backup.create', outcome: 'ok', actor: { system: expect.stringMatching(/^cli:/) }, params: { method: 'logical', trigger: 'cli' } });
    expect(entry?.target).toMatch(/^backup-/);
    expect((await rt.engine.getJob(entry?.target ?? '')).state).toBe('succeeded');
  });

  it('records a production restore refused for want of the typed confirmation', async () => {
    const backupId = String((await rt.engine.getJob(succeededId)).result?.backupId);
    const r = await cli('restore', backupId, '--target', 'production');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--confirm');
    const [entry] = await rt.audit.list({ action: 'restore.production', limit: 1 });
    expect(entry).toMatchObject({ outcome: 'refused', target: backupId, actor: { system: expect.stringMatching(/^cli:/) }, params: { backupId, target: 'production' } });
    expect(entry?.reason).toContain('confirm with the project id');
    expect(await rt.engine.jobs.store.list({ kinds: ['restore'] })).toEqual([]);
  });
});
