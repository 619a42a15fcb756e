/**
 * Cloud smoke test: the BackupStore contract against a real bucket. Opt-in, because CI and the dev container have no
 * GCP credentials or network: set BACKUP_SMOKE_GCS_BUCKET=gs://<bucket>[/<prefix>] and Application Default
 * Credentials with roles/storage.objectAdmin on that bucket. Each test writes under its own random prefix and deletes
 * what it wrote (releasing holds first).
 */
import { randomBytes } from 'node:crypto';

import { Storage } from '@google-cloud/storage';

import { describeBackupStoreContract } from '../testing/backup-store-contract';
import { openGcsBackupStore } from './gcs-backup-store';
import { gcsUrl, parseGcsUrl } from './gcs-url';

const target = process.env.BACKUP_SMOKE_GCS_BUCKET;

// Without a bucket there is nothing to talk to: the suite registers as skipped so the gap shows in the test report.
const maybe = target ? describe : describe.skip;

maybe('GCS BackupStore against a real bucket (BACKUP_SMOKE_GCS_BUCKET)', () => {
  const storage = new Storage();
  // The contract's multi-MB streams take longer over the network than the default 5 s.
  jest.setTimeout(120_000);

  describeBackupStoreContract('gcs', async () => {
    const base = parseGcsUrl(target ?? '');
    const prefix = [base.prefix, 'smoke', `${Date.now()}-${randomBytes(4).toString('hex')}`].filter((p) => p !== '').join('/');
    const store = openGcsBackupStore(gcsUrl({ bucket: base.bucket, prefix }), storage);
    const cleanup = async (): Promise<void> => {
      const [files] = await storage.bucket(base.bucket).getFiles({ prefix: `${prefix}/` });
      for (const f of files) {
        if (f.metadata.temporaryHold === true) await f.setMetadata({ temporaryHold: false });
        await f.delete({ ignoreNotFound: true });
      }
    };
    return { store, cleanup };
  });

  it('writes objects NEARLINE, checked with the raw client', async () => {
    const base = parseGcsUrl(target ?? '');
    const prefix = [base.prefix, 'smoke', `class-${randomBytes(4).toString('hex')}`].filter((p) => p !== '').join('/');
    const store = openGcsBackupStore(gcsUrl({ bucket: base.bucket, prefix }), storage);
    await store.put('x', Buffer.from('x'));
    const file = storage.bucket(base.bucket).file(`${prefix}/x`);
    try {
      const [metadata] = await file.getMetadata();
      expect(metadata.storageClass).toBe('NEARLINE');
    } finally {
      await file.delete({ ignoreNotFound: true });
    }
  });
});
