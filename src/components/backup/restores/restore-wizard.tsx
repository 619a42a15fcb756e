'use client';

import { Play, ScanSearch } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { RESTORE_MODES, restoreToStagingRequest, type RestoreMode } from '@/lib/contracts/restore';
import type { BackupListItemView, BackupPage } from '@/lib/contracts/responses';
import { BACKUP_PORTAL_BASE } from '@/config/backup-tabs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { ADMIN_API, withQuery } from '../api/api-client';
import { ApiErrorNotice } from '../api/api-status';
import { useApiQuery } from '../api/use-api';
import { backupFacts } from '../backup-result';
import { parseCollections } from '../backups/create-backup-panel';
import { JobProgress, StateBadge } from '../job-bits';
import { formatCount, formatDuration, formatTime, presentState } from '../presentation';
import { RestoreDiff } from './restore-diff';
import { readRestoreResult } from './restore-result';
import { useRestoreRun } from './use-restore-run';

type TargetKind = 'staging' | 'database';

const MODE_HELP: Record<RestoreMode, string> = {
  overwrite: 'write every backed-up document, replacing what is there',
  merge: 'merge backed-up fields into existing documents',
  'skip-existing': 'only create documents that do not exist',
  mirror: 'make the scope exactly equal to the backup, deleting extra documents',
};

function RunStatus({ run, label }: { run: ReturnType<typeof useRestoreRun>; label: string }) {
  if (run.failure) return <ApiErrorNotice error={run.failure} />;
  if (!run.jobId) return null;
  const state = run.job?.state ?? 'queued';
  const result = readRestoreResult(run.job?.result);
  return (
    <div className="flex flex-col gap-3" data-testid={`${label}-status`}>
      <p className="flex items-center gap-2 text-sm">{label === 'dry-run' ? 'Dry run' : 'Restore'} <span className="font-mono text-xs">{run.jobId}</span> <StateBadge state={state} /></p>
      {presentState(state).active ? <JobProgress state={state} progress={run.job?.progress ?? null} /> : null}
      {run.job?.error ? <p role="alert" className="text-sm text-red-700">{run.job.error.message}</p> : null}
      {result && state === 'succeeded' ? <RestoreDiff result={result} /> : null}
      {result && !result.dryRun && state === 'succeeded' ? (
        <p className="flex flex-wrap items-center gap-2 text-sm" data-testid="restore-result">
          <Badge tone={result.verified ? 'success' : 'danger'}>{result.verified ? 'Target verified' : 'Verification failed'}</Badge>
          {formatCount(result.written)} documents written · RTO {formatDuration(result.durationMs)}
          {result.problems.length > 0 ? <span className="text-red-700">{result.problems.slice(0, 3).join('; ')}</span> : null}
        </p>
      ) : null}
    </div>
  );
}

/** Steps 1-4: the settings a restore request is built from. */
function useRestoreForm() {
  const [backupId, setBackupId] = useState('');
  const [targetKind, setTargetKind] = useState<TargetKind>('staging');
  const [databaseId, setDatabaseId] = useState('');
  const [scope, setScope] = useState('');
  const [mode, setMode] = useState<RestoreMode>('overwrite');
  return { backupId, setBackupId, targetKind, setTargetKind, databaseId, setDatabaseId, scope, setScope, mode, setMode };
}

type RestoreForm = ReturnType<typeof useRestoreForm>;

/** The four settings; any change discards the runs made with the previous ones (`edit`). */
function RestoreSettings({ form, items, chosen, edit }: { form: RestoreForm; items: BackupListItemView[] | undefined; chosen: string; edit: () => void }) {
  const { targetKind, setTargetKind, databaseId, setDatabaseId, scope, setScope, mode, setMode } = form;
  return (
    <ol className="grid gap-4 md:grid-cols-2" aria-label="Restore settings">
      <li><Field label="1. Backup" hint="Only verified backups can be restored">
        <Select value={chosen} onChange={(e) => { form.setBackupId(e.target.value); edit(); }} disabled={!items?.length}>
          {(items ?? []).map((b) => <option key={b.backupId} value={b.backupId}>{`${formatTime(backupFacts(b).snapshotTime ?? b.createdAt)} · ${b.method} · ${formatCount(backupFacts(b).documents)} docs`}</option>)}
          {items && items.length === 0 ? <option value="">No verified backup yet</option> : null}
        </Select>
      </Field></li>
      <li><fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 font-medium text-slate-700">2. Target</legend>
        <label className="flex items-center gap-2"><input type="radio" name="target" checked={targetKind === 'staging'} onChange={() => { setTargetKind('staging'); edit(); }} />Staging (the configured staging project)</label>
        <label className="flex items-center gap-2"><input type="radio" name="target" checked={targetKind === 'database'} onChange={() => { setTargetKind('database'); edit(); }} />New database in this project:
          <Input aria-label="Database id" className="h-7 w-40" value={databaseId} onChange={(e) => { setDatabaseId(e.target.value); setTargetKind('database'); edit(); }} placeholder="restore-test" /></label>
        <span className="text-xs text-slate-500">Production is restored from <Link className="underline" href={`${BACKUP_PORTAL_BASE}/dr`}>Disaster Recovery</Link>, with its safeguards.</span>
      </fieldset></li>
      <li><Field label="3. Scope" hint="Document or collection paths (users/u1, orders); empty = the whole backup">
        <Input value={scope} onChange={(e) => { setScope(e.target.value); edit(); }} placeholder="whole backup" />
      </Field></li>
      <li><Field label="4. Mode" hint={MODE_HELP[mode]}>
        <Select value={mode} onChange={(e) => { setMode(e.target.value as RestoreMode); edit(); }}>
          {RESTORE_MODES.map((m) => <option key={m} value={m}>{m}</option>)}
        </Select>
      </Field></li>
    </ol>
  );
}

/** The restore wizard: backup → target → scope → mode → dry-run diff → real run → verified result. */
export function RestoreWizard({ onFinished }: { onFinished: () => void }) {
  const backups = useApiQuery<BackupPage>(withQuery(`${ADMIN_API}/backups`, { state: 'succeeded', limit: 50 }));
  const form = useRestoreForm();
  const { targetKind, databaseId, scope, mode } = form;
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const dry = useRestoreRun();
  const real = useRestoreRun();
  const chosen = form.backupId || backups.data?.items[0]?.backupId || '';

  const request = (dryRun: boolean) => {
    const only = parseCollections(scope);
    const target = targetKind === 'staging' ? 'staging' : `database:${databaseId.trim()}`;
    const parsed = restoreToStagingRequest.safeParse({ backupId: chosen, target, mode, dryRun, ...(only.length ? { only } : {}) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setProblem(issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'invalid request');
      return undefined;
    }
    setProblem(undefined);
    return { action: 'restore_to_staging', ...parsed.data };
  };
  const dryDone = dry.job?.state === 'succeeded';
  const edit = () => { dry.reset(); real.reset(); };

  return (
    <Card>
      <CardHeader><CardTitle>New restore</CardTitle></CardHeader>
      <CardContent className="flex flex-col gap-5">
        <RestoreSettings form={form} items={backups.data?.items} chosen={chosen} edit={edit} />
        {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}
        {backups.error ? <ApiErrorNotice error={backups.error} /> : null}
        <div className="flex flex-wrap gap-3">
          <Button variant="secondary" disabled={!chosen || dry.pending || (dry.job !== undefined && presentState(dry.job.state).active)} onClick={() => { const b = request(true); if (b) { real.reset(); void dry.start(b); } }}>
            <ScanSearch aria-hidden="true" className="size-4" />5. Dry run
          </Button>
          <Button disabled={!dryDone || real.pending || real.jobId !== undefined} onClick={() => { const b = request(false); if (b) void real.start(b).then(onFinished); }} title={dryDone ? undefined : 'Run the dry run first and review its diff'}>
            <Play aria-hidden="true" className="size-4" />6. Run restore
          </Button>
        </div>
        <RunStatus run={dry} label="dry-run" />
        <RunStatus run={real} label="restore" />
      </CardContent>
    </Card>
  );
}
