'use client';

import { Lock } from 'lucide-react';
import Link from 'next/link';
import type { BackupPage } from '@/lib/contracts/responses';
import { BACKUP_PORTAL_BASE, getBackupTab, hasRole } from '@/config/backup-tabs';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ADMIN_API, withQuery } from '../api/api-client';
import { ApiErrorNotice, LoadingBlock } from '../api/api-status';
import { useApiQuery } from '../api/use-api';
import { backupFacts } from '../backup-result';
import { PageHeader } from '../page-header';
import { formatTime } from '../presentation';
import { useRole } from '../session/session-provider';
import type { PreviewCron } from './cron-preview';
import { RetentionPanel } from './retention-panel';
import { draftOf, ScheduleEditor } from './schedule-editor';

interface SchedulesAnswer { schedules: Record<string, unknown>[]; rpoTargetHours: number }

const NEW_SCHEDULE = { id: '', cron: '0 3 * * *', timeZone: 'UTC', method: 'logical' as const, include: '', rpoTargetHours: '24', enabled: true };

function LegalHolds() {
  const list = useApiQuery<BackupPage>(withQuery(`${ADMIN_API}/backups`, { state: 'succeeded', limit: 100 }));
  if (list.loading) return <LoadingBlock />;
  if (list.error) return <ApiErrorNotice error={list.error} />;
  const held = (list.data?.items ?? []).filter((b) => backupFacts(b).legalHold);
  if (held.length === 0) return <p className="text-sm text-slate-600">No backup is under legal hold.</p>;
  return (
    <ul className="flex flex-col gap-2" data-testid="legal-holds">
      {held.map((b) => {
        const h = backupFacts(b).legalHold;
        return (
          <li key={b.backupId} className="flex items-start gap-2 text-sm">
            <Lock aria-hidden="true" className="mt-0.5 size-4 text-amber-700" />
            <span><Link className="font-mono text-xs underline" href={`${BACKUP_PORTAL_BASE}/backups/${encodeURIComponent(b.backupId)}`}>{b.backupId}</Link> — <q>{h?.reason}</q> by {h?.setBy}, {formatTime(h?.setAt)}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** The Schedules & Retention tab: schedule editors with cron previews, the retention policy and its preview, holds. */
export function SchedulesView({ previewCron }: { previewCron: PreviewCron }) {
  const tab = getBackupTab('schedules');
  const canEdit = hasRole(useRole(), 'admin');
  const schedules = useApiQuery<SchedulesAnswer>(`${ADMIN_API}/schedules`);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={tab.title} description={tab.description} />
      <Card>
        <CardHeader>
          <CardTitle>Schedules</CardTitle>
          <CardDescription>{schedules.data ? `The tightest enabled schedule sets the RPO target: ${schedules.data.rpoTargetHours} h.` : 'When backups run and the RPO each promises.'}{canEdit ? '' : ' Only admins change schedules.'}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {schedules.loading ? <LoadingBlock /> : schedules.error ? <ApiErrorNotice error={schedules.error} onRetry={schedules.reload} /> : (
            <>
              {(schedules.data?.schedules ?? []).map((s) => <ScheduleEditor key={String(s.id)} initial={draftOf(s)} isNew={false} canEdit={canEdit} preview={previewCron} onSaved={schedules.reload} />)}
              {schedules.data?.schedules.length === 0 ? <p className="text-sm text-slate-600">No schedules: backups run only when someone starts them.</p> : null}
              {canEdit ? <ScheduleEditor key={`new-${schedules.data?.schedules.length ?? 0}`} initial={NEW_SCHEDULE} isNew canEdit preview={previewCron} onSaved={schedules.reload} /> : null}
            </>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle>Retention</CardTitle><CardDescription>Keep-last and daily/weekly/monthly (GFS) rules with a maximum age; the preview shows what the policy keeps and deletes now, and why.</CardDescription></CardHeader>
        <CardContent><RetentionPanel canEdit={canEdit} /></CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle>Legal holds</CardTitle><CardDescription>Held backups are never deleted by retention. Set or clear a hold on the backup&apos;s page.</CardDescription></CardHeader>
        <CardContent><LegalHolds /></CardContent>
      </Card>
    </div>
  );
}
