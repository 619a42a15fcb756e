'use client';

import { useEffect } from 'react';
import type { RestorePage } from '@/lib/contracts/responses';
import { Badge } from '@/components/ui/badge';
import { ADMIN_API, withQuery } from '../api/api-client';
import { ApiErrorNotice, LoadingBlock } from '../api/api-status';
import { useApiQuery } from '../api/use-api';
import { StateBadge } from '../job-bits';
import { formatCount, formatDuration, formatTime, presentState } from '../presentation';
import { readRestoreResult } from './restore-result';

const TH = 'px-3 py-2 text-left text-xs font-medium text-slate-500';

/** Restore jobs, newest first; polls while one runs. `refresh` changes when the caller starts a restore. */
export function RestoreHistory({ refresh }: { refresh: number }) {
  const history = useApiQuery<RestorePage>(withQuery(`${ADMIN_API}/restores`, { limit: 20 }), { pollMs: (p) => (p?.items.some((j) => presentState(j.state).active) ? 3_000 : undefined) });
  const { reload } = history;
  useEffect(() => {
    if (refresh > 0) reload();
  }, [refresh, reload]);
  if (history.loading) return <LoadingBlock />;
  if (history.error) return <ApiErrorNotice error={history.error} onRetry={history.reload} />;
  const items = history.data?.items ?? [];
  if (items.length === 0) return <p className="text-sm text-slate-600">No restores yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[680px] text-sm" data-testid="restore-history">
        <caption className="sr-only">Restore jobs, newest first</caption>
        <thead><tr><th className={TH}>Started</th><th className={TH}>Backup → target</th><th className={TH}>Kind</th><th className={TH}>State</th><th className={TH}>Changes</th><th className={TH}>Verified</th><th className={TH}>RTO</th></tr></thead>
        <tbody>
          {items.map((j) => {
            const r = readRestoreResult(j.result);
            return (
              <tr key={j.id} className="border-t border-slate-100">
                <td className="px-3 py-2">{formatTime(j.createdAt)}<div className="font-mono text-[11px] text-slate-500">{j.id}</div></td>
                <td className="px-3 py-2 font-mono text-xs">{r ? `${r.backupId ?? '?'} → ${r.target ?? '?'}` : '—'}</td>
                <td className="px-3 py-2">{r ? (r.dryRun ? 'dry run' : r.mode ?? 'restore') : '—'}</td>
                <td className="px-3 py-2"><StateBadge state={j.state} /></td>
                <td className="px-3 py-2 tabular-nums">{r ? `+${formatCount(r.totals.created)} ~${formatCount(r.totals.changed)} −${formatCount(r.totals.deleted)}` : '—'}</td>
                <td className="px-3 py-2">{r?.verified === null || !r ? '—' : <Badge tone={r.verified ? 'success' : 'danger'}>{r.verified ? 'yes' : 'no'}</Badge>}</td>
                <td className="px-3 py-2 tabular-nums">{r && !r.dryRun ? formatDuration(r.durationMs) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
