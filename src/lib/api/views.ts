/**
 * Engine values as the API shows them (no lease internals, no stored params beyond what callers need), and what a
 * caller below admin may not see: where a `file://` bucket sits on the server's disk.
 */
import { basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { BackupListItem, Job } from '../backup';
import type { BackupListItemView, JobAccepted, JobView } from '../contracts/responses';

import type { ApiRole } from './roles';

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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `file:///srv/data/bucket` → `file://…/bucket` (and the bare path → `…/bucket`), for each `file://` bucket URL. */
function pathRedactions(bucketUrls: readonly string[]): [RegExp, string][] {
  const out: [RegExp, string][] = [];
  for (const url of bucketUrls) {
    if (!url.startsWith('file:///')) continue;
    let dir: string;
    try {
      dir = fileURLToPath(url).replace(/\/+$/, '');
    } catch {
      continue; // not a path (the store would not have opened); the store's own spelling is in the list too
    }
    const name = basename(dir);
    if (name === '') continue;
    // URL spellings first (the bare path is inside them), then the path as fs error messages quote it.
    const spellings: [string, string][] = [[pathToFileURL(dir).href, `file://…/${name}`], [url.replace(/\/+$/, ''), `file://…/${name}`], [dir, `…/${name}`]];
    for (const [from, to] of spellings) out.push([new RegExp(`${escapeRegExp(from)}(?![\\w.~%+-])`, 'g'), to]);
  }
  return out;
}

/**
 * A reply as `role` may see it: admins get it whole; anyone else gets every string with the server's absolute path
 * of the `file://` buckets (`bucketUrls`: as configured, and as the store spells it) cut to the bucket's folder name —
 * catalog locations, drill hints, error messages of failed jobs and audit reasons alike.
 */
export function replyFor(role: ApiRole | null | undefined, body: unknown, bucketUrls: readonly string[]): unknown {
  if (role === 'admin' || body === undefined) return body;
  const redactions = pathRedactions(bucketUrls);
  if (redactions.length === 0) return body;
  const redact = (text: string) => redactions.reduce((acc, [pattern, to]) => acc.replace(pattern, () => to), text);
  return JSON.parse(JSON.stringify(body), (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value)) as unknown;
}
