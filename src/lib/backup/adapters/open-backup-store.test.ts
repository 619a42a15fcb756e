import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Storage } from '@google-cloud/storage';

import { openBackupStore } from './open-backup-store';

describe('openBackupStore', () => {
  it('opens a file:/// store on that directory', async () => {
    const root = await mkdtemp(join(tmpdir(), 'open-backup-store-'));
    try {
      const store = openBackupStore(`file://${root}`);
      expect(store.url).toBe(`file://${root}`);
      await store.put('a/b', Buffer.from('v'));
      expect(await readFile(join(root, 'a', 'b'), 'utf8')).toBe('v');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('opens the same memory:// store for the same name', async () => {
    const first = openBackupStore('memory://open-test');
    await first.put('k', Buffer.from('v'));
    expect(first.url).toBe('memory://open-test');
    expect((await openBackupStore('memory://open-test').get('k')).toString()).toBe('v');
    expect(await openBackupStore('memory://open-test-2').stat('k')).toBeUndefined();
  });

  it('opens a gs:// store with the given client, without any request', () => {
    // A client that could not reach Google: opening must not do I/O.
    const storage = new Storage({ projectId: 'demo-none', apiEndpoint: 'http://127.0.0.1:9' });
    expect(openBackupStore('gs://my-bucket/backups/', { storage }).url).toBe('gs://my-bucket/backups');
  });

  it.each([
    ['s3://bucket/x', 'expected gs://bucket/prefix, file:///absolute/path or memory://name'],
    ['/var/backups', 'expected gs://bucket/prefix, file:///absolute/path or memory://name'],
    ['', 'expected gs://bucket/prefix, file:///absolute/path or memory://name'],
    ['memory://', 'a memory store name is 1–100 letters, digits, ".", "_" or "-"'],
    ['memory://a/b', 'a memory store name is 1–100 letters, digits, ".", "_" or "-"'],
  ])('refuses %j', (url, reason) => {
    expect(() => openBackupStore(url)).toThrow(expect.objectContaining({ code: 'invalid_argument', details: { url, reason } }));
  });

  it.each(['file://relative/path', 'file:relative', 'gs://Bad_Bucket'])('passes scheme-specific refusals through: %j', (url) => {
    expect(() => openBackupStore(url)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });
});
