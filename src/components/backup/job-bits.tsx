import type { JobProgressView } from '@/lib/contracts/responses';
import { Badge } from '@/components/ui/badge';
import { formatBytes, formatCount, formatDuration, presentState } from './presentation';

/** A job's state as a badge, from the one presentation map. */
export function StateBadge({ state }: { state: string }) {
  const look = presentState(state);
  return <Badge tone={look.tone} data-state={state}>{look.label}</Badge>;
}

/** The fraction done, when the job knows its total; null for an indeterminate bar. */
export function progressFraction(p: JobProgressView | null): number | null {
  if (!p) return null;
  if (p.documentsTotal && p.documentsTotal > 0) return Math.min(1, p.documents / p.documentsTotal);
  if (p.collectionsTotal && p.collectionsTotal > 0) return Math.min(1, p.collectionsDone / p.collectionsTotal);
  return null;
}

/**
 * A job's live progress: a bar (indeterminate while the total is unknown) and documents, bytes and ETA. Fixed
 * height and tabular numbers, so polling updates never move the layout.
 */
export function JobProgress({ state, progress }: { state: string; progress: JobProgressView | null }) {
  const fraction = state === 'succeeded' ? 1 : progressFraction(progress);
  const pct = fraction === null ? null : Math.round(fraction * 100);
  const label = presentState(state).label;
  return (
    <div className="flex flex-col gap-1.5" data-testid="job-progress">
      <div
        role="progressbar"
        aria-label={`${label}${progress?.phase ? ` (${progress.phase})` : ''}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={pct === null ? 'h-full w-1/3 animate-pulse rounded-full bg-sky-500' : 'h-full rounded-full bg-sky-600 transition-[width] duration-500'} style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
      <p className="flex flex-wrap gap-x-4 text-xs text-slate-600 tabular-nums">
        <span>{progress?.phase ?? label}</span>
        <span>{formatCount(progress?.documents ?? 0)}{progress?.documentsTotal ? ` / ${formatCount(progress.documentsTotal)}` : ''} documents</span>
        <span>{formatBytes(progress?.bytes ?? 0)}</span>
        <span>ETA {progress?.etaSeconds !== null && progress?.etaSeconds !== undefined ? formatDuration(progress.etaSeconds * 1000) : '—'}</span>
      </p>
    </div>
  );
}
