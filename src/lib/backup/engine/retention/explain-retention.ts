/**
 * The printable form of retention decisions, for `prune --dry-run` and logs: one row per backup (newest first, as
 * `applyRetention` returns them) and a closing count.
 */
import type { RetentionDecision } from './retention-policy';

const HEADERS = ['BACKUP', 'CREATED (UTC)', 'STATUS', 'DECISION', 'REASONS'] as const;

/** A fixed-width text table of `decisions`; reasons are joined with "; " in their original order. */
export function explainRetention(decisions: readonly RetentionDecision[]): string {
  if (decisions.length === 0) return 'no backups: nothing to keep or remove\n';
  const rows = decisions.map((d) => [
    d.backupId,
    d.createdAt.toISOString().slice(0, 16).replace('T', ' '),
    d.status,
    d.decision,
    d.reasons.join('; '),
  ]);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const format = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const kept = decisions.filter((d) => d.decision === 'keep').length;
  const summary = `keep ${kept}, remove ${decisions.length - kept} of ${decisions.length} backups`;
  return [format(HEADERS), ...rows.map(format), '', summary, ''].join('\n');
}
