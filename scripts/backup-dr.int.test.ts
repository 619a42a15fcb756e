/**
 * `npm run backup -- dr` against the Firestore emulator: the CLI is a thin wrapper over the engine's
 * runDisasterRecovery; it prints one JSON document, exits 1 with the failed step when there is nothing to recover
 * from, and audits the restore it starts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Firestore } from '@google-cloud/firestore';

import { loadEngineConfig } from '../src/lib/backup/config';
import { createRuntime, type Runtime } from '../src/lib/backup/composition';
import { firestoreEmulatorHost, testProjectId } from '../src/test/emulator-env';

import { runCli } from './lib/testing/run-cli';

jest.setTimeout(180_000);

const projectId = testProjectId('cli-dr');
const env = {
  BACKUP_PROJECT_ID: projectId,
  BACKUP_BUCKET_URL: `file://${mkdtempSync(join(tmpdir(), 'cli-dr-'))}`,
  BACKUP_STAGING_TARGET: `project:${testProjectId('cli-dr-stg')}`,
  FIRESTORE_EMULATOR_HOST: firestoreEmulatorHost(),
};
let rt: Runtime;

const cli = (...args: string[]) => runCli(env, ...args);

interface DrJson {
  ok: boolean;
  production: boolean;
  backupId?: string;
  restoreJobId?: string;
  rtoMs?: number;
  steps: Array<{ step: string; ok: boolean; detail: string }>;
}

beforeAll(async () => {
  const db = new Firestore({ projectId });
  await db.doc('products/p1').set({ name: 'one' });
  await db.terminate();
  rt = createRuntime(loadEngineConfig({ ...process.env, ...env }));
});

afterAll(async () => {
  await rt.close();
});

it('with no backup yet: exit 1, the failed step in the JSON, no restore job', async () => {
  const r = await cli('dr', '--json');
  expect(r.code).toBe(1);
  const out = JSON.parse(r.stdout) as DrJson;
  expect(out).toEqual({ ok: false, production: false, steps: [expect.objectContaining({ step: 'pick the backup', ok: false })] });
  expect(await rt.jobs.store.list({ kinds: ['restore'] })).toEqual([]);
});

it('rehearses into staging: exit 0, four passed steps, the RTO, and one audited restore.staging entry', async () => {
  const backup = await rt.engine.createBackup({ method: 'logical', trigger: 'test' });
  await rt.worker.runUntilIdle({ onlyId: backup.id });
  const r = await cli('dr', '--json');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as DrJson;
  expect(out.steps.map((s) => [s.step, s.ok])).toEqual([
    ['pick the backup', true],
    ['verify the backup', true],
    ['restore into staging', true],
    ['verify the restored data', true],
  ]);
  const job = await rt.jobs.get(String(out.restoreJobId));
  expect(job.state).toBe('succeeded');
  expect(out.rtoMs).toBe(Number(job.result?.durationMs));
  const entries = await rt.audit.list({ action: 'restore.staging' });
  expect(entries.map((e) => [e.target, e.outcome])).toEqual([[job.id, 'ok']]);
});
