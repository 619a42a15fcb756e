import { formatBytes, formatDuration, formatTime } from '../presentation';

/** One backup on the chart. */
export interface TrendPoint {
  backupId: string;
  at: string;
  bytes: number;
  durationMs: number;
}

const W = 640;
const H = 180;
const PAD = { top: 12, right: 48, bottom: 28, left: 56 };

/** Scales values into the plot's height; a flat series sits in the middle instead of dividing by zero. */
export function scaleY(values: readonly number[], height: number): (v: number) => number {
  const max = Math.max(0, ...values);
  return (v) => (max === 0 ? height / 2 : height - (v / max) * height);
}

/**
 * Backup size (bars, left axis) and duration (line, right axis) over the last backups, oldest left. Inline SVG with a
 * fixed viewBox: it scales to its container's width without layout shift and needs no chart library.
 */
export function TrendChart({ points }: { points: readonly TrendPoint[] }) {
  if (points.length === 0) {
    return <p className="flex h-44 items-center justify-center text-sm text-slate-500">No verified backups yet: the trend appears after the first one.</p>;
  }
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const step = plotW / points.length;
  const ySize = scaleY(points.map((p) => p.bytes), plotH);
  const yDur = scaleY(points.map((p) => p.durationMs), plotH);
  const maxBytes = Math.max(...points.map((p) => p.bytes));
  const maxMs = Math.max(...points.map((p) => p.durationMs));
  const line = points.map((p, i) => `${PAD.left + step * (i + 0.5)},${PAD.top + yDur(p.durationMs)}`).join(' ');
  const first = points[0];
  const last = points.at(-1);
  const label = `Size and duration of the last ${points.length} verified backups: newest ${formatBytes(last?.bytes)} in ${formatDuration(last?.durationMs)}.`;
  return (
    <figure className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} className="h-auto w-full" data-testid="trend-chart">
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} className="stroke-slate-300" />
        <text x={PAD.left - 6} y={PAD.top + 8} textAnchor="end" className="fill-slate-500 text-[10px]">{formatBytes(maxBytes)}</text>
        <text x={PAD.left - 6} y={PAD.top + plotH} textAnchor="end" className="fill-slate-500 text-[10px]">0</text>
        <text x={W - PAD.right + 6} y={PAD.top + 8} className="fill-amber-700 text-[10px]">{formatDuration(maxMs)}</text>
        {points.map((p, i) => {
          const y = PAD.top + ySize(p.bytes);
          return (
            <rect key={p.backupId} x={PAD.left + step * i + step * 0.2} width={Math.max(1, step * 0.6)} y={y} height={PAD.top + plotH - y} rx={2} className="fill-sky-500/70">
              <title>{`${formatTime(p.at)}: ${formatBytes(p.bytes)}, ${formatDuration(p.durationMs)}`}</title>
            </rect>
          );
        })}
        <polyline points={line} fill="none" strokeWidth={2} className="stroke-amber-600" />
        {first ? <text x={PAD.left} y={H - 8} className="fill-slate-500 text-[10px]">{formatTime(first.at)}</text> : null}
        {last && points.length > 1 ? <text x={W - PAD.right} y={H - 8} textAnchor="end" className="fill-slate-500 text-[10px]">{formatTime(last.at)}</text> : null}
      </svg>
      <figcaption className="flex gap-4 text-xs text-slate-600">
        <span className="flex items-center gap-1"><span aria-hidden="true" className="inline-block size-2.5 rounded-sm bg-sky-500/70" />Size</span>
        <span className="flex items-center gap-1"><span aria-hidden="true" className="inline-block h-0.5 w-3 bg-amber-600" />Duration</span>
      </figcaption>
    </figure>
  );
}
