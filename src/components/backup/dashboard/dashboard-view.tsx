'use client';

import { Activity, Clock, Database, HardDrive, LifeBuoy, Percent } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { BackupPage, DashboardSummary } from '@/lib/contracts/responses';
import { BACKUP_PORTAL_BASE } from '@/config/backup-tabs';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ADMIN_API, withQuery } from '../api/api-client';
import { ApiErrorNotice, LoadingBlock } from '../api/api-status';
import { useApiQuery } from '../api/use-api';
import { backupFacts } from '../backup-result';
import { PageHeader } from '../page-header';
import { formatAge, formatBytes, formatDuration, formatHours, formatTime, presentState } from '../presentation';
import { readHealth, type HealthStatusName, type HealthView } from './health-view';
import { JobTimeline } from './job-timeline';
import { TrendChart, type TrendPoint } from './trend-chart';

const HEALTH_LOOK: Record<HealthStatusName, { label: string; tone: BadgeTone }> = {
  healthy: { label: 'Healthy', tone: 'success' },
  warning: { label: 'Warning', tone: 'warning' },
  critical: { label: 'Critical', tone: 'danger' },
};

/** Poll fast while something runs, slowly otherwise (schedules may start jobs at any time). */
const pollWhileActive = (d: DashboardSummary | undefined) => (d && (d.active > 0 || d.recent.some((b) => presentState(b.state).active)) ? 3_000 : 15_000);

function Stat({ icon, label, value, detail, testId }: { icon: ReactNode; label: string; value: ReactNode; detail?: ReactNode; testId?: string }) {
  return (
    <Card className="min-h-28">
      <CardContent className="flex flex-col gap-1">
        <p className="flex items-center gap-2 text-xs font-medium text-slate-500">
          <span aria-hidden="true">{icon}</span>
          {label}
        </p>
        <p className="text-lg font-semibold text-slate-900 tabular-nums" data-testid={testId}>{value}</p>
        {detail ? <p className="text-xs text-slate-600">{detail}</p> : null}
      </CardContent>
    </Card>
  );
}

function HealthCard({ health, summary }: { health: HealthView | undefined; summary: DashboardSummary }) {
  const status = health?.status ?? (summary.rpoBreached ? 'critical' : 'healthy');
  const look = HEALTH_LOOK[status];
  return (
    <Card>
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>Health of {summary.projectId}/{summary.databaseId}</CardTitle>
        <Badge tone={look.tone} data-testid="health-status">{look.label}</Badge>
      </CardHeader>
      <CardContent>
        {health && health.reasons.length > 0 ? (
          <ul className="flex flex-col gap-1 text-sm" data-testid="health-reasons">
            {health.reasons.map((r) => (
              <li key={r.code} className="flex items-start gap-2">
                <Badge tone={r.severity === 'critical' ? 'danger' : 'warning'}>{r.severity}</Badge>
                <span className="text-slate-700">{r.message}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{health ? 'No problems found: backups are verified within the RPO target and the last drill passed.' : 'The server sends no health assessment; the figures below come from the catalog.'}</p>
        )}
      </CardContent>
    </Card>
  );
}

function trendOf(page: BackupPage | undefined): TrendPoint[] {
  return (page?.items ?? [])
    .flatMap((b) => {
      const f = backupFacts(b);
      return f.bytes !== null ? [{ backupId: b.backupId, at: f.snapshotTime ?? b.createdAt, bytes: f.bytes, durationMs: f.durationMs ?? 0 }] : [];
    })
    .reverse();
}

/** The Dashboard tab: health with reasons, RPO, success rate, next run, last drill, storage, trend and recent jobs. */
export function DashboardView() {
  const summary = useApiQuery<DashboardSummary>(ADMIN_API, { pollMs: pollWhileActive });
  const verified = useApiQuery<BackupPage>(withQuery(`${ADMIN_API}/backups`, { state: 'succeeded', limit: 30 }), { pollMs: () => (summary.data?.active ? 3_000 : 15_000) });
  const tab = { title: 'Dashboard', description: 'Backup health at a glance: last success against the RPO target, success rate, last drill RTO.' };
  if (summary.loading) return <div className="flex flex-col gap-6"><PageHeader {...tab} /><LoadingBlock /></div>;
  const s = summary.data;
  if (!s) return <div className="flex flex-col gap-6"><PageHeader {...tab} />{summary.error ? <ApiErrorNotice error={summary.error} onRetry={summary.reload} /> : null}</div>;
  const health = readHealth(s.health);
  const last = health?.rpo.lastSuccess ?? s.lastSuccess;
  const rpoTarget = health?.rpo.targetHours ?? s.rpoTargetHours;
  const trend = trendOf(verified.data);
  const storage = trend.reduce((sum, p) => sum + p.bytes, 0);
  const now = Date.now();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader {...tab} actions={s.active > 0 ? <Badge tone="info" data-testid="active-jobs">{s.active} running</Badge> : null} />
      {summary.error ? <ApiErrorNotice error={summary.error} onRetry={summary.reload} /> : null}
      <HealthCard health={health} summary={s} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Stat icon={<Clock className="size-4" />} label="Last verified backup" testId="last-success"
          value={last ? formatAge(last.at, now) : 'None yet'}
          detail={last ? <>Age {formatHours(last.ageHours)} against an RPO target of {rpoTarget} h · <Link className="underline" href={`${BACKUP_PORTAL_BASE}/backups/${encodeURIComponent(last.backupId)}`}>{formatTime(last.at)}</Link></> : `RPO target ${rpoTarget} h`} />
        <Stat icon={<Percent className="size-4" />} label={`Success rate (${health?.window?.days ?? 30} days)`} testId="success-rate"
          value={health?.window?.successRate !== null && health?.window?.successRate !== undefined ? `${(health.window.successRate * 100).toFixed(1)} %` : '—'}
          detail={health?.window ? `${health.window.succeeded} succeeded, ${health.window.failed} failed · target above 95 %` : 'No finished backups in the window'} />
        <Stat icon={<Activity className="size-4" />} label="Next scheduled run" testId="next-run"
          value={health?.nextScheduledRun ? formatTime(health.nextScheduledRun.at) : 'Not scheduled'}
          detail={health?.nextScheduledRun ? `Schedule ${health.nextScheduledRun.scheduleId}` : 'No enabled schedule'} />
        <Stat icon={<LifeBuoy className="size-4" />} label="Last restore drill" testId="last-drill"
          value={health?.lastDrill ? (health.lastDrill.ok ? 'Passed' : 'Failed') : 'Never run'}
          detail={health?.lastDrill ? `${formatTime(health.lastDrill.at)} · RTO ${formatDuration(health.lastDrill.rtoMs)}` : 'Run one from Disaster Recovery'} />
        <Stat icon={<HardDrive className="size-4" />} label="Storage used" testId="storage"
          value={formatBytes(storage)} detail={`Across the ${trend.length} newest verified backups`} />
        <Stat icon={<Database className="size-4" />} label="Average duration" value={formatDuration(health?.averageDurationMs)} detail={health?.legalHolds ? `${health.legalHolds} backups under legal hold` : 'No legal holds'} />
      </div>
      <Card>
        <CardHeader><CardTitle>Backup size and duration</CardTitle></CardHeader>
        <CardContent>{verified.error && !verified.data ? <ApiErrorNotice error={verified.error} /> : <TrendChart points={trend} />}</CardContent>
      </Card>
      <Card>
        <CardHeader><CardTitle>Recent jobs</CardTitle></CardHeader>
        <CardContent><JobTimeline items={s.recent} now={now} /></CardContent>
      </Card>
    </div>
  );
}
