/** One contract suite for every JobStore adapter (memory, Firestore). */
import { newJob, type Job } from '../../engine/jobs/job';
import type { JobStore } from '../../ports/jobs';

export function describeJobStoreContract(name: string, factory: () => Promise<{ store: JobStore; cleanup(): Promise<void> }>): void {
  describe(`JobStore contract: ${name}`, () => {
    let store: JobStore;
    let cleanup: () => Promise<void>;
    let n = 0;
    const job = (over: Partial<Job> = {}, at = '2026-11-23T12:00:00.000Z'): Job => ({
      ...newJob({ id: `backup-c${++n}-${Math.random().toString(36).slice(2, 8)}`, kind: 'backup', params: { method: 'logical' } }, new Date(at)),
      ...over,
    });

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => cleanup());

    it('creates once and reads back the same job', async () => {
      const j = job();
      await store.create(j);
      expect(await store.get(j.id)).toEqual(j);
      await expect(store.create(j)).rejects.toMatchObject({ code: 'already_exists' });
      expect(await store.get('backup-missing')).toBeUndefined();
    });

    it('mutates atomically: concurrent increments all land', async () => {
      const j = job();
      await store.create(j);
      await Promise.all(Array.from({ length: 5 }, () => store.mutate(j.id, (c) => ({ ...c, attempts: c.attempts + 1 }))));
      expect((await store.get(j.id))?.attempts).toBe(5);
    }, 60_000);

    it('writes nothing when the mutation throws, and reports a missing job', async () => {
      const j = job();
      await store.create(j);
      await expect(store.mutate(j.id, () => { throw new Error('no'); })).rejects.toThrow('no');
      expect(await store.get(j.id)).toEqual(j);
      await expect(store.mutate('backup-nope', (c) => c)).rejects.toMatchObject({ code: 'not_found', name: 'EngineError' });
    });

    it('lists newest first with filters, and finds claimable jobs', async () => {
      const a = job({}, '2026-11-23T10:00:00.000Z');
      const b = job({ state: 'succeeded' }, '2026-11-23T11:00:00.000Z');
      const c = job({ state: 'running', lease: { owner: 'w', heartbeatAt: '2026-11-23T11:00:00.000Z', expiresAt: '2026-11-23T11:01:00.000Z' } }, '2026-11-23T11:30:00.000Z');
      for (const j of [a, b, c]) await store.create(j);
      expect((await store.list()).map((j) => j.id)).toEqual([c.id, b.id, a.id]);
      expect((await store.list({ states: ['succeeded'] })).map((j) => j.id)).toEqual([b.id]);
      expect((await store.list({ limit: 1 })).map((j) => j.id)).toEqual([c.id]);
      const early = await store.claimable(new Date('2026-11-23T11:00:30.000Z'), 10);
      expect(early.map((j) => j.id)).toEqual([a.id]);
      const late = await store.claimable(new Date('2026-11-23T12:00:00.000Z'), 10);
      expect(late.map((j) => j.id).sort()).toEqual([a.id, c.id].sort());
    });

    it('refuses a malformed stored document with a clear error', async () => {
      const j = job();
      await store.create({ ...j, state: 'exploded' as Job['state'] }).catch(() => undefined);
      const read = store.get(j.id);
      await expect(read).rejects.toMatchObject({ code: 'integrity', message: expect.stringMatching(new RegExp(`job document ${j.id} is not a valid job: state`)) });
    });
  });
}
