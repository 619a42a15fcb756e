/**
 * The bench's audit rows: bursts of 8 and 32 concurrent audited Admin API requests, p50/p99 time to the 202 (issue 15,
 * finding 2: appends to the audit trail must not serialise the API). Runs on the bench's own emulator; needs no
 * seeded data.
 */
import type { ChildResult } from './child-protocol';
import type { Measured, RowSummary } from './report-types';
import type { runBenchChild } from './spawn-child';

/** The p50 an audited request must stay under at these concurrencies. */
export const AUDIT_P50_TARGET_MS = 300;
const CONCURRENCY = [8, 32] as const;
/** Bursts per run: 8 × 10 and 32 × 10 requests give p99 more than a handful of samples. */
const BURSTS = 10;

interface AuditContext {
  base: Record<string, unknown>;
  host: string;
  repeat: number;
  log: (line: string) => void;
  run: typeof runBenchChild;
}

/** Runs the audit rows `repeat` times each, every run in a fresh control project (an empty trail). */
export async function auditSection(ctx: AuditContext): Promise<Measured[]> {
  const rows: Measured[] = [];
  for (const concurrency of CONCURRENCY) {
    const runs: ChildResult[] = [];
    for (let i = 0; i < ctx.repeat; i++) {
      const controlProjectId = `${String(ctx.base.projectId)}-a${concurrency}r${i + 1}`;
      ctx.log(`audit: ${concurrency} concurrent audited requests × ${BURSTS} bursts${ctx.repeat > 1 ? ` (run ${i + 1}/${ctx.repeat})` : ''}`);
      const r = await ctx.run('audit-requests', { ...ctx.base, controlProjectId, concurrency, bursts: BURSTS }, ctx.host);
      ctx.log(`  p50 ${fmtMs(r.extra.p50Ms)} ms, p99 ${fmtMs(r.extra.p99Ms)} ms over ${r.docs} requests`);
      runs.push(r);
    }
    rows.push({ section: 'audit', kind: 'ours', label: `ours: ${concurrency} concurrent audited requests (create_backup → 202)`, runs });
  }
  return rows;
}

const fmtMs = (v: unknown) => (typeof v === 'number' ? v.toFixed(0) : '?');

/** The audit table's lines: requests, p50 and p99 of the median run, and the p50 target. */
export function renderAuditRows(rows: RowSummary[]): string[] {
  if (rows.length === 0) return [];
  const lines = ['AUDITED REQUESTS', `${'operation'.padEnd(58)} ${'requests'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}  target`];
  for (const r of rows) {
    const p50 = typeof r.extra.p50Ms === 'number' ? r.extra.p50Ms : Number.NaN;
    const verdict = p50 < AUDIT_P50_TARGET_MS ? 'ok' : 'MISS';
    lines.push(`${r.label.padEnd(58)} ${String(r.docs).padStart(8)} ${fmtMs(r.extra.p50Ms).padStart(8)} ${fmtMs(r.extra.p99Ms).padStart(8)}  p50<${AUDIT_P50_TARGET_MS} ${verdict}`);
  }
  lines.push('');
  return lines;
}
