/**
 * Encryption defaults on the real emulator (issue 15, finding 7): the default follows the configuration, and the
 * catalog entry and the manifest (read back from the bucket folder, a second path) say whether a backup is encrypted
 * and, when it is not, why. An explicit request without a key creates no job and writes nothing.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { seedDemoData } from '../../../demo/seed-demo-data';
import { isEngineError } from '../../errors';
import { createEngineHarness, type EngineHarness } from '../testing/engine-harness';

jest.setTimeout(180_000);

let keyed: EngineHarness;
let keyless: EngineHarness;

beforeAll(async () => {
  keyed = createEngineHarness('enc-key', { encryptionKey: randomBytes(32) });
  keyless = createEngineHarness('enc-nokey');
  await Promise.all([keyed, keyless].map((h) => seedDemoData(h.db, { documents: 20, seed: 5, projectId: h.projectId })));
});

afterAll(async () => {
  await keyed.close();
  await keyless.close();
});

/** The backup's manifest and first chunk, read from the bucket folder with the file system. */
function stored(h: EngineHarness, backupId: string): { manifest: { encryption: unknown; files: { path: string }[] }; chunk: Buffer } {
  const dir = join(h.bucketDir, h.projectId, '(default)', backupId);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { encryption: unknown; files: { path: string }[] };
  return { manifest, chunk: readFileSync(join(dir, manifest.files[0]?.path ?? 'missing')) };
}

async function backUp(h: EngineHarness, input: { method?: 'logical' | 'managed'; encrypt?: boolean } = {}) {
  const job = await h.engine.createBackup({ method: input.method ?? 'logical', encrypt: input.encrypt, trigger: 'test' });
  const done = await h.run(job.id);
  expect(done.state).toBe('succeeded');
  const result = done.result as { backupId: string; encrypted: boolean; keyId: string | null; notEncryptedReason: string | null };
  return { result, ...stored(h, result.backupId) };
}

it('by default, with a key configured: encrypted, and the manifest names the algorithm and key id', async () => {
  const b = await backUp(keyed);
  expect(b.result).toMatchObject({ encrypted: true, keyId: 'test-key', notEncryptedReason: null });
  expect(b.manifest.encryption).toMatchObject({ algorithm: 'AES-256-GCM', keyId: 'test-key', keyWrapper: 'env' });
  expect(b.manifest.files[0]?.path).toMatch(/\.ndjson\.gz\.enc$/);
  expect(() => gunzipSync(b.chunk)).toThrow();
});

it('by default, with no key configured: plaintext, and the result and manifest say "no key configured"', async () => {
  const b = await backUp(keyless);
  expect(b.result).toMatchObject({ encrypted: false, keyId: null, notEncryptedReason: 'no_key_configured' });
  expect(b.manifest.encryption).toEqual({ algorithm: 'none', reason: 'no_key_configured' });
  expect(gunzipSync(b.chunk).toString('utf8')).toContain('"name":');
});

it('declined explicitly with a key configured: plaintext, "not requested"', async () => {
  const b = await backUp(keyed, { encrypt: false });
  expect(b.result).toMatchObject({ encrypted: false, notEncryptedReason: 'not_requested' });
  expect(b.manifest.encryption).toEqual({ algorithm: 'none', reason: 'not_requested' });
});

it('a managed backup says it is not encrypted by the console, key or not', async () => {
  const b = await backUp(keyed, { method: 'managed' });
  expect(b.result).toMatchObject({ encrypted: false, notEncryptedReason: 'managed_export' });
  expect(b.manifest.encryption).toEqual({ algorithm: 'none', reason: 'managed_export' });
});

it('an explicit request without a key is refused: no job, nothing in the bucket', async () => {
  const before = await keyless.engine.listBackups({ limit: 1000, includeDeleted: true });
  const files = () => readdirSync(keyless.bucketDir, { recursive: true }).map(String).sort();
  const filesBefore = files();
  const err = await keyless.engine.createBackup({ method: 'logical', encrypt: true }).then(() => undefined, (e: unknown) => e);
  expect(isEngineError(err, 'invalid_argument')).toBe(true);
  expect((err as Error).message).toContain('BACKUP_ENCRYPTION_KEY');
  expect(await keyless.engine.listBackups({ limit: 1000, includeDeleted: true })).toEqual(before);
  const jobs = await keyless.db.collection('backup_jobs').get();
  expect(jobs.size).toBe(before.length);
  expect(files()).toEqual(filesBefore);
});
