/** Engine values as the API shows them (no lease internals, no stored params beyond what callers need). */
import type { BackupListItem } from '../backup/engine/backup-dr-engine';
import type { Job } from '../backup/engine/jobs/job';
import type { BackupListItemView, JobAccepted, JobView } from '../contracts/responses';

export const API_BASE = '/api/admin/backup';

export function jobView(job: Job): JobView {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    cancelRequested: job.cancelRequested,
    progress: job.progress,
    error: job.error,
    result: job.result,
    requestedBy: job.requestedBy,
    approval: approvalOf(job),
  };
}

/** A production restore's second-admin approval, when it needs one. */
function approvalOf(job: Job): JobView['approval'] {
  if (job.params.approvalRequired !== true) return null;
  const by = job.params.approvedBy as { uid?: unknown; email?: unknown } | null | undefined;
  return { required: true, approvedBy: by && typeof by.uid === 'string' ? { uid: by.uid, email: typeof by.email === 'string' ? by.email : undefined } : null };
}

export function backupItemView(item: BackupListItem): BackupListItemView {
  return { ...item, result: item.result as Record<string, unknown> | null };
}

export function jobAccepted(job: Job, created?: boolean): JobAccepted {
  return { jobId: job.id, state: job.state, statusUrl: `${API_BASE}/jobs/${encodeURIComponent(job.id)}`, ...(created === undefined ? {} : { created }) };
}
