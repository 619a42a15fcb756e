'use client';

import { useEffect, useState } from 'react';
import { formatTime } from '../presentation';

/** What the schedule preview shows: a sentence and the next runs, or why the expression is refused. */
export type CronPreview = { description: string; nextRuns: string[] } | { error: string };

/** Computes a preview on the server (the engine's cron helpers); injected so the component stays engine-free. */
export type PreviewCron = (cron: string, timeZone: string) => Promise<CronPreview>;

/** Live, debounced preview of a cron expression: "At 03:00 every day" and the next three runs. */
export function CronPreviewLine({ cron, timeZone, preview }: { cron: string; timeZone: string; preview: PreviewCron }) {
  const [result, setResult] = useState<CronPreview | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      preview(cron, timeZone).then((r) => { if (live) setResult(r); }, () => { if (live) setResult({ error: 'preview unavailable' }); });
    }, 250);
    return () => { live = false; clearTimeout(timer); };
  }, [cron, timeZone, preview]);
  if (!result) return <p className="h-10 text-xs text-slate-500">…</p>;
  if ('error' in result) return <p role="alert" className="h-10 text-xs text-red-700">{result.error}</p>;
  return (
    <p className="h-10 text-xs text-slate-600" data-testid="cron-preview">
      <span className="font-medium text-slate-900">{result.description}</span>
      <br />Next: {result.nextRuns.map(formatTime).join(' · ')}
    </p>
  );
}
