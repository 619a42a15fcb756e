'use client';

import { FlaskConical } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { BackupPage, DashboardSummary, JobAccepted } from '@/lib/contracts/responses';
import { getBackupTab } from '@/config/backup-tabs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ADMIN_API, withQuery, type ApiFailure } from '../api/api-client';
import { ApiErrorNotice, LoadingBlock } from '../api/api-status';
import { useApiMutation, useApiQuery } from '../api/use-api';
import { useJob } from '../backups/create-backup-panel';
import { readHealth } from '../dashboard/health-view';
import { JobProgress, StateBadge } from '../job-bits';
import { PageHeader } from '../page-header';
import { formatDuration, formatHours, formatTime, presentState } from '../presentation';
import { newestDrill, type DrillView } from './drill-view';
import { PendingApprovals } from './pending-approvals';
import { ProductionRestore } from './production-restore';
import { Runbook, type RunbookItem } from './runbook';

const DRILL_MAX_AGE_DAYS = 30;

/** The runbook: the essentials computed here, then the last drill's own readiness checklist. */
export function runbookItems(summary: DashboardSummary, drill: DrillView | undefined, now: number): RunbookItem[] {
  const health = readHealth(summary.health);
  const last = health?.rpo.lastSuccess ?? summary.lastSuccess;
  const drillAgeDays = drill ? (now - Date.parse(drill.at)) / 86_400_000 : undefined;
  const items: RunbookItem[] = [
    { id: 'latest-verified', label: 'A verified backup exists', ok: last !== null, hint: last ? `newest ${last.backupId}, ${formatHours(last.ageHours)} old (RPO target ${summary.rpoTargetHours} h)` : 'take one from the Backups tab' },
    { id: 'within-rpo', label: 'Within the RPO target', ok: !summary.rpoBreached, hint: summary.rpoBreached ? 'the newest verified whole-database backup is older than the target' : 'recovery would lose less than the target' },
    { id: 'drill', label: `Restore rehearsed in the last ${DRILL_MAX_AGE_DAYS} days`, ok: drill?.ok === true && drillAgeDays !== undefined && drillAgeDays <= DRILL_MAX_AGE_DAYS, hint: drill ? `last drill ${formatTime(drill.at)}: ${drill.ok ? `passed, RTO ${formatDuration(drill.rtoMs)}` : `failed at ${drill.failedStep ?? 'unknown step'}`}` : 'run a rehearsal below' },
    { id: 'staging', label: 'Staging target configured', ok: drill ? drill.staging !== null : false, hint: drill?.staging ? `restores rehearse into ${drill.staging}` : 'known after the first drill (BACKUP_STAGING_TARGET)' },
  ];
  const seen = new Set(items.map((i) => i.id));
  return [...items, ...(drill?.checklist ?? []).filter((c) => !seen.has(c.id))];
}

function Rehearsal({ onFinished }: { onFinished: () => void }) {
  const mutation = useApiMutation();
  const [jobId, setJobId] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<ApiFailure | undefined>(undefined);
  const job = useJob(jobId);
  const start = async () => {
    const res = await mutation.call<JobAccepted>(`${ADMIN_API}/drills`, { body: {} });
    if (res.ok) { setFailure(undefined); setJobId(res.data.jobId); } else setFailure(res.error);
  };
  const state = job.data?.state;
  const active = state !== undefined && presentState(state).active;
  const ended = state !== undefined && !active;
  useEffect(() => {
    if (ended) onFinished();
  }, [ended, onFinished]);
  return (
    <div className="flex flex-col gap-3" data-testid="dr-rehearsal">
      <p className="text-sm text-slate-600">Backs up, restores into the staging target, compares the restored content with the manifest and records the measured RTO. Production is never touched.</p>
      <Button variant="secondary" className="self-start" disabled={mutation.pending || active} onClick={() => void start()}>
        <FlaskConical aria-hidden="true" className="size-4" />Run DR rehearsal
      </Button>
      {failure ? <ApiErrorNotice error={failure} /> : null}
      {jobId ? (
        <div className="flex flex-col gap-2">
          <p className="flex items-center gap-2 text-sm">Drill <span className="font-mono text-xs">{jobId}</span> <StateBadge state={state ?? 'queued'} /></p>
          {active ? <JobProgress state={state} progress={job.data?.progress ?? null} /> : null}
          {job.data?.error ? <p role="alert" className="text-sm text-red-700">{job.data.error.message}</p> : null}
        </div>
      ) : null}
    </div>
  );
}

/** The Disaster Recovery tab: runbook, rehearsal into staging, guarded production restore. */
export function DrView() {
  const tab = getBackupTab('dr');
  const summary = useApiQuery<DashboardSummary>(ADMIN_API);
  const drills = useApiQuery<unknown>(withQuery(`${ADMIN_API}/drills`, { limit: 1 }));
  const backups = useApiQuery<BackupPage>(withQuery(`${ADMIN_API}/backups`, { state: 'succeeded', limit: 50 }));
  const drill = newestDrill(drills.data);
  const { reload: reloadSummary } = summary;
  const { reload: reloadDrills } = drills;
  const refresh = useCallback(() => { reloadSummary(); reloadDrills(); }, [reloadSummary, reloadDrills]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={tab.title} description={tab.description} />
      <Card>
        <CardHeader className="flex-row items-center justify-between"><CardTitle>Runbook</CardTitle>{drill ? <Badge tone={drill.ok ? 'success' : 'danger'}>Last drill {drill.ok ? 'passed' : 'failed'}</Badge> : null}</CardHeader>
        <CardContent>
          {summary.loading ? <LoadingBlock /> : summary.data ? <Runbook items={runbookItems(summary.data, drill, Date.now())} /> : summary.error ? <ApiErrorNotice error={summary.error} onRetry={summary.reload} /> : null}
          {drills.error && drills.error.kind !== 'not-available' ? <ApiErrorNotice className="mt-3" error={drills.error} /> : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle>DR rehearsal</CardTitle></CardHeader>
        <CardContent><Rehearsal onFinished={refresh} /></CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle>Production restore</CardTitle></CardHeader>
        <CardContent>{summary.data ? <ProductionRestore projectId={summary.data.projectId} backups={backups.data} /> : <LoadingBlock />}</CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle>Waiting for a second admin</CardTitle></CardHeader>
        <CardContent>{summary.data ? <PendingApprovals projectId={summary.data.projectId} /> : <LoadingBlock />}</CardContent>
      </Card>
    </div>
  );
}
