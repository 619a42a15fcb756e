'use client';

import { TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import { disasterRecoveryRequest } from '@/lib/contracts/restore';
import type { BackupPage } from '@/lib/contracts/responses';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { fieldIssues } from '../api/api-client';
import { ApiErrorNotice } from '../api/api-status';
import { backupFacts } from '../backup-result';
import { JobProgress, StateBadge } from '../job-bits';
import { formatCount, formatDuration, formatTime, presentState } from '../presentation';
import { readRestoreResult } from '../restores/restore-result';
import { useRestoreRun } from '../restores/use-restore-run';

/**
 * The guarded production restore: choose a verified backup, type the production project id (the server checks it
 * again), and see the safety backup and any approval it waits for. Fails closed: nothing is sent without a backup
 * and a typed confirmation.
 */
export function ProductionRestore({ projectId, backups }: { projectId: string; backups: BackupPage | undefined }) {
  const [backupId, setBackupId] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const run = useRestoreRun();
  const items = backups?.items ?? [];
  const chosen = backupId || items[0]?.backupId || '';
  const state = run.job?.state;
  const result = readRestoreResult(run.job?.result);

  const submit = () => {
    const parsed = disasterRecoveryRequest.safeParse({ backupId: chosen, confirm });
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message);
    setProblem(undefined);
    void run.start({ action: 'disaster_recovery', ...parsed.data });
  };
  const serverProblem = run.failure ? fieldIssues(run.failure).confirm : undefined;

  return (
    <div className="flex flex-col gap-4" data-testid="production-restore">
      <p className="flex items-start gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        This overwrites production ({projectId}). A safety backup of the restored scope is taken first as a rollback point; if a second admin&apos;s approval is configured, the restore waits for it.
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Backup to restore">
          <Select value={chosen} onChange={(e) => setBackupId(e.target.value)}>
            {items.map((b) => <option key={b.backupId} value={b.backupId}>{`${formatTime(backupFacts(b).snapshotTime ?? b.createdAt)} · ${formatCount(backupFacts(b).documents)} docs`}</option>)}
            {items.length === 0 ? <option value="">No verified backup</option> : null}
          </Select>
        </Field>
        <Field label={`Type the production project id (${projectId}) to confirm`} error={problem ?? serverProblem} className="min-w-64 flex-1">
          <Input value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" spellCheck={false} aria-describedby="confirm-match" />
        </Field>
        <Button variant="danger" disabled={!chosen || confirm.length === 0 || run.pending || (state !== undefined && presentState(state).active)} onClick={submit}>Restore production</Button>
      </div>
      <p id="confirm-match" className="text-xs text-slate-500" aria-live="polite">{confirm.length === 0 ? 'Nothing is sent until you type the project id.' : confirm === projectId ? 'The project id matches.' : 'This does not match the production project id; the server will refuse it.'}</p>
      {run.failure ? <ApiErrorNotice error={run.failure} /> : null}
      {run.jobId ? (
        <div className="flex flex-col gap-2" data-testid="production-restore-status">
          <p className="flex items-center gap-2 text-sm">Production restore <span className="font-mono text-xs">{run.jobId}</span> <StateBadge state={state ?? 'queued'} />{run.accepted?.awaitingApproval ? <Badge tone="warning">Waiting for a second admin&apos;s approval</Badge> : null}</p>
          {state && presentState(state).active ? <JobProgress state={state} progress={run.job?.progress ?? null} /> : null}
          {run.job?.error ? <p role="alert" className="text-sm text-red-700">{run.job.error.message}</p> : null}
          {result ? <p className="text-sm">Safety backup: <span className="font-mono text-xs">{result.safetyBackupId ?? '—'}</span> · verified {result.verified ? 'yes' : 'no'} · RTO {formatDuration(result.durationMs)}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
