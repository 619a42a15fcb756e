/**
 * Encryption fails closed (issue 15, finding 7): an insisted-on encryption that cannot happen is refused before any
 * job or object exists, and a worker without the key fails such a job instead of writing plaintext.
 */
import { isEngineError } from '../../errors';
import type { BackupStore } from '../../ports';
import { Worker } from '../jobs/worker';
import { createOpsFixture } from '../ops/testing/ops-fixture';

import { chooseEncryption, describeEncryption } from './encryption-choice';

async function keys(store: BackupStore): Promise<string[]> {
  const out: string[] = [];
  for await (const o of store.list('')) out.push(o.key);
  return out;
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    if (isEngineError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('chooseEncryption', () => {
  it('follows the configuration by default and says why a backup is not encrypted', () => {
    expect(chooseEncryption({ method: 'logical', requested: null, keyConfigured: true })).toEqual({ encrypt: true });
    expect(chooseEncryption({ method: 'logical', requested: undefined, keyConfigured: false })).toEqual({ encrypt: false, reason: 'no_key_configured' });
    expect(chooseEncryption({ method: 'logical', requested: false, keyConfigured: true })).toEqual({ encrypt: false, reason: 'not_requested' });
    expect(chooseEncryption({ method: 'logical', requested: true, keyConfigured: true })).toEqual({ encrypt: true });
    expect(chooseEncryption({ method: 'managed', requested: null, keyConfigured: true })).toEqual({ encrypt: false, reason: 'managed_export' });
    expect(chooseEncryption({ method: 'managed', requested: false, keyConfigured: false })).toEqual({ encrypt: false, reason: 'managed_export' });
  });

  it('refuses encryption insisted on without a key, or for a managed export', () => {
    expect(() => chooseEncryption({ method: 'logical', requested: true, keyConfigured: false })).toThrow(/no key is configured: set BACKUP_ENCRYPTION_KEY/);
    expect(() => chooseEncryption({ method: 'managed', requested: true, keyConfigured: true })).toThrow(/managed backup cannot be encrypted by this console/);
  });

  it('describes the outcome in words', () => {
    expect(describeEncryption({ encrypted: true, keyId: 'k1' })).toBe('encrypted (AES-256-GCM, key k1)');
    expect(describeEncryption({ encrypted: false, keyId: null, notEncryptedReason: 'no_key_configured' })).toBe('not encrypted (no BACKUP_ENCRYPTION_KEY configured)');
    expect(describeEncryption({ encrypted: false, keyId: null, notEncryptedReason: null })).toBe('not encrypted');
  });
});

describe('BackupDREngine.createBackup without a key', () => {
  it('refuses an explicit encryption request: invalid_argument naming BACKUP_ENCRYPTION_KEY, no job, nothing written', async () => {
    const f = createOpsFixture();
    const err = await refusal(f.engine.createBackup({ method: 'logical', encrypt: true }));
    expect(err.code).toBe('invalid_argument');
    expect(err.message).toContain('BACKUP_ENCRYPTION_KEY');
    expect(await f.engine.jobs.store.list({ kinds: ['backup'] })).toEqual([]);
    expect(await keys(f.store)).toEqual([]);
  });

  it('refuses an explicit encryption request for a managed backup, even with nothing else wrong', async () => {
    const f = createOpsFixture();
    expect((await refusal(f.engine.createBackup({ method: 'managed', encrypt: true }))).code).toBe('invalid_argument');
    expect(await f.engine.jobs.store.list({ kinds: ['backup'] })).toEqual([]);
  });

  it('enqueues the default and an explicit "no" as such (the worker decides against its own key)', async () => {
    const f = createOpsFixture();
    const byDefault = await f.engine.createBackup({ method: 'logical' });
    const declined = await f.engine.createBackup({ method: 'logical', encrypt: false, idempotencyKey: 'declined' });
    expect([byDefault.params.encrypt, declined.params.encrypt]).toEqual([null, false]);
  });

  it('a worker without the key fails a job that insisted on encryption before reading anything', async () => {
    const f = createOpsFixture();
    // As enqueued by a process that had the key.
    const params = { backupId: '20261123T120000Z-abcdef', method: 'logical', database: f.database, include: [], exclude: [], encrypt: true, trigger: 'api' };
    await f.engine.jobs.enqueue({ id: 'backup-insists', kind: 'backup', params });
    const [done] = await new Worker({ jobs: f.engine.jobs, owner: 'w', handlers: f.engine.handlers() }).runUntilIdle({ onlyId: 'backup-insists' });
    expect(done?.state).toBe('failed');
    expect(done?.error).toMatchObject({ code: 'invalid_argument', message: expect.stringContaining('BACKUP_ENCRYPTION_KEY') });
    expect(await keys(f.store)).toEqual([]);
  });
});
