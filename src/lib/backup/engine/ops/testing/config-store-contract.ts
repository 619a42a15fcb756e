/**
 * The ConfigStore contract, run against every adapter (memory in a unit test, Firestore on the emulator). `rawSet`
 * writes a document behind the store's back, as a hand edit in the Firebase console would.
 */
import { isEngineError } from '../../../errors';
import type { ScheduleConfig } from '../config-schema';
import type { ConfigStore } from '../../../ports/config';

export interface ConfigStoreFixture {
  store: ConfigStore;
  rawSet(id: string, data: Record<string, unknown>): Promise<void>;
}

export function sampleSchedule(over: Partial<ScheduleConfig> = {}): ScheduleConfig {
  return {
    id: 'nightly',
    cron: '0 2 * * *',
    timeZone: 'UTC',
    method: 'logical',
    include: [],
    exclude: [],
    rpoTargetHours: 24,
    enabled: true,
    lastRunSlot: null,
    missed: { count: 0, last: [] },
    updatedAt: null,
    ...over,
  };
}

export function describeConfigStoreContract(name: string, make: () => Promise<ConfigStoreFixture>): void {
  describe(`ConfigStore contract: ${name}`, () => {
    it('stores and reads back every document kind; absent documents are undefined', async () => {
      const { store } = await make();
      expect(await store.getRetention()).toBeUndefined();
      expect(await store.listSchedules()).toEqual([]);
      const retention = { keepLast: 3, daily: 7, weekly: 4, monthly: 6, maxAgeDays: 200, timeZone: 'Europe/Berlin', updatedAt: null };
      await store.setRetention(retention);
      await store.setStaging({ target: 'database:staging', updatedAt: null });
      await store.setAlerts({ webhookConfigured: true, onFailure: true, onVerificationFailure: false, onRpoBreach: true, updatedAt: null });
      await store.putSchedule(sampleSchedule({ id: 'b-hourly', cron: '0 * * * *' }));
      await store.putSchedule(sampleSchedule({ id: 'a-nightly' }));
      expect(await store.getRetention()).toEqual(retention);
      expect(await store.getStaging()).toEqual({ target: 'database:staging', updatedAt: null });
      expect((await store.getAlerts())?.onVerificationFailure).toBe(false);
      expect((await store.listSchedules()).map((s) => s.id)).toEqual(['a-nightly', 'b-hourly']);
      expect(await store.getSchedule('b-hourly')).toEqual(sampleSchedule({ id: 'b-hourly', cron: '0 * * * *' }));
      await store.deleteSchedule('b-hourly');
      expect(await store.getSchedule('b-hourly')).toBeUndefined();
    });

    it('createIfAbsent creates once and never overwrites', async () => {
      const { store } = await make();
      expect(await store.createIfAbsent({ kind: 'schedule', value: sampleSchedule({ rpoTargetHours: 24 }) })).toBe(true);
      expect(await store.createIfAbsent({ kind: 'schedule', value: sampleSchedule({ rpoTargetHours: 99 }) })).toBe(false);
      expect((await store.getSchedule('nightly'))?.rpoTargetHours).toBe(24);
    });

    it('a hand-edited bad document is an integrity error naming the document and the field', async () => {
      const { store, rawSet } = await make();
      await rawSet('schedule-broken', { ...sampleSchedule({ id: 'broken' }), cron: 'every night' });
      await expect(store.listSchedules()).rejects.toThrow(/backup_config\/schedule-broken is invalid: cron: a five-field cron/);
      await rawSet('retention', { keepLast: -1, daily: 1, weekly: 1, monthly: 1, maxAgeDays: 1 });
      await expect(store.getRetention()).rejects.toMatchObject({ code: 'integrity', message: expect.stringMatching(/backup_config\/retention.*keepLast/) });
      await rawSet('schedule-other', sampleSchedule({ id: 'not-other' }) as unknown as Record<string, unknown>);
      await expect(store.getSchedule('other')).rejects.toThrow(/schedule-other is invalid: id/);
    });

    it('mutateSchedule is atomic: concurrent increments all land, and a throwing fn writes nothing', async () => {
      const { store } = await make();
      await store.putSchedule(sampleSchedule());
      await Promise.all(
        Array.from({ length: 5 }, () => store.mutateSchedule('nightly', (s) => ({ ...s, missed: { count: s.missed.count + 1, last: s.missed.last } }))),
      );
      expect((await store.getSchedule('nightly'))?.missed.count).toBe(5);
      await expect(store.mutateSchedule('nightly', () => {
        throw new Error('abort');
      })).rejects.toThrow('abort');
      expect((await store.getSchedule('nightly'))?.missed.count).toBe(5);
      const err = await store.mutateSchedule('absent', (s) => s).catch((e: unknown) => e);
      expect(isEngineError(err, 'not_found')).toBe(true);
    });
  });
}
