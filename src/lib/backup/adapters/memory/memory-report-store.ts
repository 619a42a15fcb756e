/** In-memory ReportStore for unit tests; same contract as the Firestore store. Stores copies, as a database would. */
import {
  assertStoredReport,
  newestReportFirst,
  parseStoredReport,
  reportListLimit,
  type ReportKind,
  type ReportOf,
  type ReportStore,
  type StoredReport,
} from '../../ports/reports';

export function createMemoryReportStore(): ReportStore & { raw: Map<string, unknown> } {
  const raw = new Map<string, unknown>();
  const ofKind = <K extends ReportKind>(kind: K): Array<ReportOf<K>> =>
    [...raw.entries()]
      .map(([id, data]) => parseStoredReport(id, structuredClone(data)))
      .filter((r): r is ReportOf<K> => r.kind === kind)
      .sort(newestReportFirst);
  return {
    raw,
    async append(report: StoredReport) {
      const valid = assertStoredReport(report);
      raw.set(valid.id, structuredClone(valid));
    },
    async latest(kind) {
      return ofKind(kind)[0];
    },
    async list(kind, limit) {
      return ofKind(kind).slice(0, reportListLimit(limit));
    },
  };
}
