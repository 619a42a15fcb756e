'use client';

import { useState } from 'react';
import type { JobView, RestorePage } from '@/lib/contracts/responses';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';
import { ADMIN_API, withQuery } from '../api/api-client';
import { ApiErrorNotice } from '../api/api-status';
import { useApiMutation, useApiQuery } from '../api/use-api';
import { useSession } from '../session/session-provider';
import { formatTime } from '../presentation';
import { readRestoreResult } from '../restores/restore-result';

/** Production restores waiting for a second admin: the requester sees them waiting, another admin can approve. */
export function PendingApprovals({ projectId }: { projectId: string }) {
  const queued = useApiQuery<RestorePage>(withQuery(`${ADMIN_API}/restores`, { state: 'queued', limit: 20 }), { pollMs: () => 5_000 });
  const waiting = (queued.data?.items ?? []).filter((j) => j.approval?.required && j.approval.approvedBy === null);
  if (queued.error && queued.error.kind !== 'not-available') return <ApiErrorNotice error={queued.error} onRetry={queued.reload} />;
  if (waiting.length === 0) return <p className="text-sm text-slate-600">No production restore is waiting for approval.</p>;
  return (
    <ul className="flex flex-col gap-3" data-testid="pending-approvals">
      {waiting.map((job) => <PendingApproval key={job.id} job={job} projectId={projectId} onDone={queued.reload} />)}
    </ul>
  );
}

function PendingApproval({ job, projectId, onDone }: { job: JobView; projectId: string; onDone: () => void }) {
  const { state } = useSession();
  const mutation = useApiMutation();
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<string | undefined>(undefined);
  const me = state.status === 'signed-in' ? state.user : undefined;
  const own = me !== undefined && job.requestedBy?.uid === me.uid;
  const result = readRestoreResult(job.result);
  const approve = async () => {
    const res = await mutation.call(ADMIN_API, { body: { action: 'approve_restore', restoreId: job.id, confirm } });
    setMessage(res.ok ? 'Approved: the restore starts now.' : res.error.message);
    if (res.ok) onDone();
  };
  return (
    <li className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
      <p>
        <span className="font-mono text-xs">{job.id}</span> asked by {job.requestedBy?.email ?? job.requestedBy?.uid ?? 'unknown'} at {formatTime(job.createdAt)}
        {result?.backupId ? <> — backup <span className="font-mono text-xs">{result.backupId}</span></> : null}
      </p>
      {own ? (
        <p className="mt-2 text-slate-700">Waiting for another admin: the one who asked cannot approve their own restore.</p>
      ) : (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Input aria-label={`Type ${projectId} to approve`} placeholder={`type ${projectId}`} value={confirm} onChange={(e) => setConfirm(e.target.value)} className="max-w-xs" />
          <Button variant="danger" disabled={confirm !== projectId || mutation.pending} onClick={() => void approve()}>Approve production restore</Button>
        </div>
      )}
      {message ? <p className="mt-2" role="status">{message}</p> : null}
    </li>
  );
}
