/**
 * The GCS store with the real SDK against an in-process fake of the JSON API (there is no official GCS emulator);
 * the opt-in smoke test runs the same contract against a real bucket.
 */
import { Storage } from '@google-cloud/storage';

import { describeBackupStoreContract } from '../testing/backup-store-contract';
import { createGcsBackupStore, PUT_ID_METADATA_KEY } from './gcs-backup-store';
import { startFakeGcsServer, type FakeGcsServer } from './testing/fake-gcs-server';

let fake: FakeGcsServer;
let storage: Storage;
let n = 0;

beforeAll(async () => {
  // A small page size so listings cross page boundaries.
  fake = await startFakeGcsServer({ pageSize: 3 });
  // SDK retries stay on, as in production, with short delays: after a reader stops a download early the SDK's
  // connection pool can hand the next request a dead socket ("socket hang up"), which its retry absorbs.
  storage = new Storage({
    projectId: 'demo-backup',
    apiEndpoint: fake.apiEndpoint,
    retryOptions: { autoRetry: true, maxRetries: 2, retryDelayMultiplier: 1, maxRetryDelay: 1, totalTimeout: 10 },
  });
});
afterAll(() => fake.close());

describeBackupStoreContract('gcs (fake JSON API)', async () => {
  n += 1;
  return { store: createGcsBackupStore({ storage, bucket: 'backups', prefix: `t${n}/root`, resumableThresholdBytes: 1024 }), cleanup: async () => undefined };
});

describe('gcs store on the wire', () => {
  it('writes NEARLINE objects under the prefix, tagged with the put id, with the content type given', async () => {
    const store = createGcsBackupStore({ storage, bucket: 'backups', prefix: 'wire' });
    await store.put('p/manifest.json', Buffer.from('{}'), { contentType: 'application/json' });
    const obj = fake.objects.get('backups/wire/p/manifest.json');
    expect(obj).toMatchObject({ storageClass: 'NEARLINE', contentType: 'application/json' });
    expect(obj?.metadata[PUT_ID_METADATA_KEY]).toMatch(/^[0-9a-f-]{36}$/);
    expect(store.url).toBe('gs://backups/wire');
  });

  it('does not list objects outside its prefix or folder placeholders', async () => {
    const store = createGcsBackupStore({ storage, bucket: 'backups', prefix: 'scoped' });
    await createGcsBackupStore({ storage, bucket: 'backups', prefix: 'scoped2' }).put('x', Buffer.from('1'));
    await storage.bucket('backups').file('scoped/dir/').save('', { resumable: false });
    await store.put('dir/x', Buffer.from('1'));
    const keys: string[] = [];
    for await (const o of store.list('')) keys.push(o.key);
    expect(keys).toEqual(['dir/x']);
  });

});
