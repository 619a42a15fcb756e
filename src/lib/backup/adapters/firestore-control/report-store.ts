/**
 * ReportStore on Firestore: one document per report in `backup_reports`, id = report id, with `kind`, `createdAt`
 * and `payload`. `latest`/`list` query by kind ordered by createdAt, which on a real project needs the composite
 * index (kind ASC, createdAt DESC, __name__ DESC); the emulator does not ask for it.
 */
import { FieldPath, type Firestore } from '@google-cloud/firestore';

import { CONTROL_COLLECTION_NAMES } from '../../control-collections';
import {
  assertStoredReport,
  parseStoredReport,
  reportListLimit,
  type ReportKind,
  type ReportOf,
  type ReportStore,
} from '../../ports/reports';

import { withFirestoreErrors } from './firestore-errors';

export const REPORTS_COLLECTION = CONTROL_COLLECTION_NAMES.reports;

export function createFirestoreReportStore(db: Firestore, opts: { collection?: string } = {}): ReportStore {
  const col = db.collection(opts.collection ?? REPORTS_COLLECTION);

  const run = withFirestoreErrors;

  async function query<K extends ReportKind>(kind: K, limit: number): Promise<Array<ReportOf<K>>> {
    const snap = await col.where('kind', '==', kind).orderBy('createdAt', 'desc').orderBy(FieldPath.documentId(), 'desc').limit(limit).get();
    return snap.docs.map((d) => parseStoredReport(`${col.path}/${d.id}`, d.data()) as ReportOf<K>);
  }

  return {
    append: async (report) => {
      // Validate before the write: nothing malformed reaches the collection.
      const valid = assertStoredReport(report);
      await run(`saving ${valid.kind} report ${valid.id}`, () => col.doc(valid.id).set(valid));
    },
    latest: (kind) => run(`reading the latest ${kind} report`, async () => (await query(kind, 1))[0]),
    list: (kind, limit) => run(`listing ${kind} reports`, () => query(kind, reportListLimit(limit))),
  };
}
