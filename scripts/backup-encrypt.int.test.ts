/**
 * `npm run backup -- create --encrypt` with no key configured (issue 15, finding 7): exit 2 with a message naming
 * BACKUP_ENCRYPTION_KEY, no job in the control collections, nothing in the bucket. Runs the real CLI against the
 * test run's Firestore emulator.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Firestore } from '@google-cloud/firestore';

import { firestoreEmulatorHost, testProjectId } from '../src/test/emulator-env';

jest.setTimeout(120_000);

const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');

function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const base: Record<string, string | undefined> = { ...process.env, ...env, METADATA_SERVER_DETECTION: 'none' };
  delete base.BACKUP_ENCRYPTION_KEY;
  return new Promise((resolve) => {
    execFile(tsx, [join(__dirname, 'backup.ts'), ...args], { env: base as NodeJS.ProcessEnv }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, out: `${stdout}${stderr}` });
    });
  });
}

it('create --encrypt without a key exits 2 naming BACKUP_ENCRYPTION_KEY, and creates no job and no file', async () => {
  const projectId = testProjectId('cli-encrypt');
  const bucket = mkdtempSync(join(tmpdir(), 'cli-encrypt-'));
  const env = { BACKUP_PROJECT_ID: projectId, BACKUP_BUCKET_URL: `file://${bucket}`, FIRESTORE_EMULATOR_HOST: firestoreEmulatorHost() };
  const run = await cli(['create', '--method', 'logical', '--encrypt'], env);
  expect(run.code).toBe(2);
  expect(run.out).toMatch(/error: encryption was requested but no key is configured: set BACKUP_ENCRYPTION_KEY/);
  const both = await cli(['create', '--encrypt', '--no-encrypt'], env);
  expect(both.code).toBe(2);
  expect(both.out).toContain('--encrypt and --no-encrypt contradict each other');

  const db = new Firestore({ projectId });
  try {
    expect((await db.collection('backup_jobs').get()).size).toBe(0);
  } finally {
    await db.terminate();
  }
  // Only the audit trail's checkpoint of the refusal (audit/), never backup data.
  expect(readdirSync(bucket, { recursive: true }).map(String).filter((p) => !p.startsWith('audit'))).toEqual([]);
});
