import { isEngineError } from '../../errors';
import { describeBackupStoreContract } from '../testing/backup-store-contract';
import { createFaultyMemoryBackupStore, createMemoryBackupStore, namedMemoryBackupStore } from './memory-backup-store';

describeBackupStoreContract('memory', async () => ({ store: createMemoryBackupStore(), cleanup: async () => undefined }));

describe('memory store specifics', () => {
  it('names itself memory://<name> and stamps objects with the injected clock', async () => {
    const at = new Date('2030-01-02T03:04:05Z');
    const store = createMemoryBackupStore({ name: 'unit', clock: { now: () => at } });
    expect(store.url).toBe('memory://unit');
    await store.put('k', Buffer.from('v'));
    expect(await store.stat('k')).toEqual({ key: 'k', size: 1, updated: at });
  });

  it('shares objects between handles of the same named store only', async () => {
    await namedMemoryBackupStore('shared-test').put('k', Buffer.from('v'));
    expect((await namedMemoryBackupStore('shared-test').get('k')).toString()).toBe('v');
    expect(await namedMemoryBackupStore('other-test').stat('k')).toBeUndefined();
  });
});

describe('memory store faults', () => {
  it('corrupts, truncates, overwrites and removes objects behind the contract', async () => {
    const { store, faults } = createFaultyMemoryBackupStore();
    await store.put('k', Buffer.from([1, 2, 3]));
    faults.corrupt('k', 1);
    expect([...(await store.get('k'))]).toEqual([1, 0xfd, 3]);
    faults.truncate('k', 2);
    expect((await store.stat('k'))?.size).toBe(2);
    faults.overwrite('k', Buffer.from('x'));
    expect((await store.get('k')).toString()).toBe('x');
    await store.setHold?.('k', true);
    expect(faults.heldKeys()).toEqual(['k']);
    faults.remove('k');
    expect(await store.stat('k')).toBeUndefined();
    expect(() => faults.corrupt('missing', 0)).toThrow(/no object/);
  });

  it('fails the next calls of one operation, then recovers', async () => {
    const { store, faults } = createFaultyMemoryBackupStore();
    faults.failNext('put', { times: 2 });
    for (let i = 0; i < 2; i++) {
      const err: unknown = await store.put('k', Buffer.from('v')).catch((e: unknown) => e);
      expect(isEngineError(err, 'unavailable') && err.retryable).toBe(true);
    }
    expect(await store.stat('k')).toBeUndefined();
    await store.put('k', Buffer.from('v'));
    const custom = new Error('disk on fire');
    faults.failNext('get', { error: custom });
    await expect(store.get('k')).rejects.toBe(custom);
    expect((await store.get('k')).toString()).toBe('v');
  });
});
