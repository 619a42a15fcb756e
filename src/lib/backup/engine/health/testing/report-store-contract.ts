/** The ReportStore contract, run against every adapter (memory in unit tests, Firestore against the emulator). */
import { isEngineError } from '../../../errors';

import { assessHealth } from '../assess-health';
import type { ReportStore, StoredReport } from '../../../ports/reports';
import { backupRow, drillRow } from './fixtures';

const now = new Date('2026-11-23T12:00:00.000Z');

function drill(id: string, createdAt: string, ok = true): StoredReport {
  return { id, kind: 'drill', createdAt, payload: { ...drillRow(now, 0, ok), drillId: id } };
}

export function reportStoreContract(name: string, make: () => ReportStore | Promise<ReportStore>): void {
  describe(`ReportStore contract: ${name}`, () => {
    it('returns the newest report of a kind, lists newest first with a limit, keeps kinds apart', async () => {
      const store = await make();
      expect(await store.latest('drill')).toBeUndefined();
      await store.append(drill('d1', '2026-11-20T00:00:00.000Z'));
      await store.append(drill('d3', '2026-11-22T00:00:00.000Z', false));
      await store.append(drill('d2', '2026-11-21T00:00:00.000Z'));
      const health = assessHealth({ now, rpoTargetHours: 24, database: { projectId: 'demo-app', databaseId: '(default)' }, backups: [backupRow(now, 1)], lastDrill: null, encryptionKeyConfigured: true });
      await store.append({ id: 'h1', kind: 'health', createdAt: now.toISOString(), payload: health });
      expect((await store.latest('drill'))?.id).toBe('d3');
      expect((await store.latest('drill'))?.payload.ok).toBe(false);
      expect((await store.list('drill')).map((r) => r.id)).toEqual(['d3', 'd2', 'd1']);
      expect((await store.list('drill', 2)).map((r) => r.id)).toEqual(['d3', 'd2']);
      expect(await store.latest('health')).toEqual({ id: 'h1', kind: 'health', createdAt: now.toISOString(), payload: health });
    });

    it('orders reports created at the same instant by id, and replaces a report appended again under its id', async () => {
      const store = await make();
      await store.append(drill('a', '2026-11-20T00:00:00.000Z'));
      await store.append(drill('b', '2026-11-20T00:00:00.000Z'));
      expect((await store.list('drill')).map((r) => r.id)).toEqual(['b', 'a']);
      await store.append(drill('a', '2026-11-20T00:00:00.000Z', false));
      expect((await store.list('drill')).map((r) => [r.id, r.payload.ok])).toEqual([['b', true], ['a', false]]);
    });

    it('refuses an invalid report before writing anything', async () => {
      const store = await make();
      const bad = { ...drill('x', 'yesterday') };
      const err = await store.append(bad).catch((e: unknown) => e);
      expect(isEngineError(err, 'invalid_argument')).toBe(true);
      const badPayload = { ...drill('y', now.toISOString()), payload: { drillId: 'y' } } as unknown as StoredReport;
      expect(isEngineError(await store.append(badPayload).catch((e: unknown) => e), 'invalid_argument')).toBe(true);
      expect(await store.list('drill')).toEqual([]);
    });
  });
}
