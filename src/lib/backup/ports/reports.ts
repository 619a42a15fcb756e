/**
 * The ReportStore port: drill and health reports kept in `backup_reports` so the portal, the API and the next
 * health report can read what was measured (RTO, status) without re-running anything.
 */
import { z } from 'zod';

import { EngineError } from '../errors';
import { drillReportSchema } from '../engine/drill/drill-report';
import { healthReportSchema } from '../engine/health/health-report';

export const REPORT_KINDS = ['drill', 'health'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const idPattern = /^[A-Za-z0-9._:-]{1,128}$/;
const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'an ISO date' });

export const storedReportSchema = z.discriminatedUnion('kind', [
  z.object({ id: z.string().regex(idPattern), kind: z.literal('drill'), createdAt: iso, payload: drillReportSchema }),
  z.object({ id: z.string().regex(idPattern), kind: z.literal('health'), createdAt: iso, payload: healthReportSchema }),
]);
export type StoredReport = z.infer<typeof storedReportSchema>;
export type ReportOf<K extends ReportKind> = Extract<StoredReport, { kind: K }>;

/** Largest page `list` returns. */
export const MAX_REPORT_LIST = 500;

/**
 * Contract (memory and Firestore adapters):
 * - `append` stores a report under its `id`; appending an id again replaces it, so a drill can record its metrics and
 *   later complete the same report, and a retried append is harmless. Invalid reports are refused (`invalid_argument`)
 *   before any write.
 * - `latest(kind)` is the newest report of that kind by `createdAt` (ties: greater id), or undefined.
 * - `list(kind, limit)` is newest first, at most `limit` (default 20, max 500).
 * - Reports read back are parsed; a malformed stored document is an `integrity` error naming it.
 */
export interface ReportStore {
  append(report: StoredReport): Promise<void>;
  latest<K extends ReportKind>(kind: K): Promise<ReportOf<K> | undefined>;
  list<K extends ReportKind>(kind: K, limit?: number): Promise<Array<ReportOf<K>>>;
}

/** Checks a report before it is written. */
export function assertStoredReport(report: unknown): StoredReport {
  const r = storedReportSchema.safeParse(report);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new EngineError('invalid_argument', `report is invalid: ${i?.path.join('.') ?? ''}: ${i?.message ?? 'invalid'}`);
}

/** Parses a report read back from a store; `where` names the document in the error. */
export function parseStoredReport(where: string, data: unknown): StoredReport {
  const r = storedReportSchema.safeParse(data);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new EngineError('integrity', `report ${where} is malformed: ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`, {
    details: { issues: r.error.issues.slice(0, 3).map((x) => ({ path: x.path.join('.'), message: x.message })) },
  });
}

/** `limit` clamped to 1..MAX_REPORT_LIST (default 20). */
export function reportListLimit(limit: number | undefined): number {
  return Math.min(MAX_REPORT_LIST, Math.max(1, Math.floor(limit ?? 20)));
}

/** Newest first: createdAt, then id. */
export function newestReportFirst(a: StoredReport, b: StoredReport): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}
