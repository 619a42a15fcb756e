import { Firestore } from '@google-cloud/firestore';

import { testProjectId } from '../../../../test/emulator-env';
import { reportStoreContract } from '../../engine/health/testing/report-store-contract';
import { drillRow } from '../../engine/health/testing/fixtures';
import { isEngineError } from '../../errors';

import { createFirestoreReportStore } from './report-store';

const db = new Firestore({ projectId: testProjectId('reports') });
let n = 0;
afterAll(() => db.terminate());

reportStoreContract('firestore', () => createFirestoreReportStore(db, { collection: `t${++n}_backup_reports` }));

describe('Firestore ReportStore', () => {
  it('stores one document per report in backup_reports, readable by the raw SDK', async () => {
    const store = createFirestoreReportStore(db);
    const payload = drillRow(new Date('2026-11-23T12:00:00.000Z'), 0, true);
    await store.append({ id: 'drill-x', kind: 'drill', createdAt: payload.startedAt, payload });
    const doc = await db.doc('backup_reports/drill-x').get();
    expect(doc.data()).toEqual({ id: 'drill-x', kind: 'drill', createdAt: payload.startedAt, payload });
  });

  it('reports a hand-edited document as an integrity error naming it', async () => {
    const col = 'broken_reports';
    await db.collection(col).doc('bad').set({ id: 'bad', kind: 'health', createdAt: '2026-11-23T00:00:00.000Z', payload: { status: 'fine' } });
    const err = await createFirestoreReportStore(db, { collection: col }).latest('health').catch((e: unknown) => e);
    expect(isEngineError(err, 'integrity')).toBe(true);
    expect((err as Error).message).toContain(`${col}/bad`);
  });
});
