/**
 * Response shapes of the Admin API, shared with the portal and scripts. Plain types: responses are produced by our
 * own code, so they are typed, not parsed.
 */
import type { Page } from './common';

/** Every error: a stable machine code, a message for people, optional structured details. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** 202 answer of anything that starts a job. */
export interface JobAccepted {
  jobId: string;
  state: string;
  /** Where to poll for progress. */
  statusUrl: string;
  /** False when an idempotency key matched an existing job. */
  created?: boolean;
}

export interface JobProgressView {
  phase: string;
  documents: number;
  bytes: number;
  collectionsDone: number;
  collectionsTotal: number | null;
  documentsTotal: number | null;
  etaSeconds: number | null;
  updatedAt: string;
}

/** A job as the API shows it: state, timing, progress, error, result; never its lease internals. */
export interface JobView {
  id: string;
  kind: string;
  state: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  attempts: number;
  maxAttempts: number;
  cancelRequested: boolean;
  progress: JobProgressView | null;
  error: { code: string; message: string; retryable: boolean; details?: Record<string, unknown> } | null;
  result: Record<string, unknown> | null;
  requestedBy: { uid: string; email?: string; role?: string } | null;
}

export interface BackupListItemView {
  backupId: string;
  jobId: string;
  state: string;
  method: string;
  createdAt: string;
  result: Record<string, unknown> | null;
  error: JobView['error'];
}

export type BackupPage = Page<BackupListItemView>;

export interface BackupDetail {
  backup: BackupListItemView;
  /** The parsed manifest from the bucket; null while the backup has none (incomplete, failed). */
  manifest: Record<string, unknown> | null;
}

export interface DashboardSummary {
  projectId: string;
  databaseId: string;
  rpoTargetHours: number;
  lastSuccess: { backupId: string; at: string; ageHours: number } | null;
  rpoBreached: boolean;
  active: number;
  recent: BackupListItemView[];
}

export interface AuditChainView {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string };
  firstBroken?: { seq: number; reason: string; detail: string };
}
