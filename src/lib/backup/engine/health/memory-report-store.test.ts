import { createMemoryReportStore } from '../../adapters/memory/memory-report-store';
import { isEngineError } from '../../errors';

import { reportStoreContract } from './testing/report-store-contract';

reportStoreContract('memory', () => createMemoryReportStore());

describe('memory ReportStore', () => {
  it('reports a malformed stored document as an integrity error naming it', async () => {
    const store = createMemoryReportStore();
    store.raw.set('broken', { id: 'broken', kind: 'drill', createdAt: '2026-11-23T00:00:00.000Z', payload: { ok: 'yes' } });
    const err = await store.latest('drill').catch((e: unknown) => e);
    expect(isEngineError(err, 'integrity')).toBe(true);
    expect((err as Error).message).toContain('report broken is malformed');
  });
});
