import Link from 'next/link';
import type { BackupListItemView } from '@/lib/contracts/responses';
import { BACKUP_PORTAL_BASE } from '@/config/backup-tabs';
import { backupFacts } from '../backup-result';
import { StateBadge } from '../job-bits';
import { formatAge, formatBytes, formatCount, formatDuration, formatTime } from '../presentation';

/** The newest backup jobs as a vertical timeline, newest first. */
export function JobTimeline({ items, now }: { items: readonly BackupListItemView[]; now: number }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">No backups yet. Start one from the Backups tab.</p>;
  return (
    <ol className="flex flex-col" data-testid="job-timeline">
      {items.map((b) => {
        const f = backupFacts(b);
        return (
          <li key={b.jobId} className="flex gap-3 border-l-2 border-slate-200 pb-4 pl-4 last:pb-0">
            <div className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-1 text-sm">
              <StateBadge state={b.state} />
              <Link href={`${BACKUP_PORTAL_BASE}/backups/${encodeURIComponent(b.backupId)}`} className="font-mono text-xs text-slate-900 underline-offset-2 hover:underline">
                {b.backupId}
              </Link>
              <span className="text-slate-600">{b.method}</span>
              <span className="text-slate-600 tabular-nums">{f.documents !== null ? `${formatCount(f.documents)} docs · ${formatBytes(f.bytes)} · ${formatDuration(f.durationMs)}` : b.error ? b.error.message : 'in progress'}</span>
            </div>
            <time dateTime={b.createdAt} title={formatTime(b.createdAt)} className="shrink-0 text-xs text-slate-500">{formatAge(b.createdAt, now)}</time>
          </li>
        );
      })}
    </ol>
  );
}
