/**
 * Response shapes of the Admin API, shared with the portal and scripts. Plain types: responses are produced by our
 * own code, so they are typed, not parsed.
 */
import type { Page } from './common';

/** Why a backup's result says it is not encrypted (the catalog entry's `notEncryptedReason`). */
export type { NotEncryptedReason } from '../backup/client-safe';

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
  /** Production restores that need a second admin: who approved, or null while waiting. */
  approval: { required: boolean; approvedBy: { uid: string; email?: string } | null } | null;
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
  /**
   * The engine's health assessment (engine/health): status with reasons, newest verified backup against the RPO
   * target, 30-day success rate, durations, size trend, last drill and its RTO, legal holds, next scheduled run.
   */
  health: Record<string, unknown>;
}

export type RestorePage = Page<JobView>;

/** A page of a backup's documents: its collections, and the names of one collection's documents. */
export interface BrowsePage {
  backupId: string;
  method: string;
  /** Collection group keys from the manifest with their document counts (`users`, `users/*\/events`). */
  collections: { collection: string; documents: number }[];
  /** The collection asked for, or null when only the collections were asked for. */
  collection: string | null;
  /** Document paths of that collection, in the backup's order. */
  documents: string[];
  /** Pass as `after` for the next page; null on the last one. */
  nextAfter: string | null;
}

/** One document of a backup: its typed fields in the Firestore REST Value JSON encoding. */
export interface BackupDocumentView {
  backupId: string;
  name: string;
  createTime?: string;
  updateTime?: string;
  fields: Record<string, unknown>;
}

export interface AuditChainView {
  ok: boolean;
  /** Entries re-hashed by this call (only the new ones, unless `mode` is `full`). */
  checked: number;
  head: { seq: number; hash: string };
  firstBroken?: { seq: number; reason: string; detail: string };
  /** `incremental` resumes at `from` (the last verified position or the newest bucket checkpoint); `full` from 1. */
  mode?: 'full' | 'incremental';
  from?: number;
  /** `unkeyed` (no BACKUP_AUDIT_HMAC_KEY) is listed in `attention`. */
  keying?: 'keyed' | 'unkeyed';
  /** The newest bucket checkpoint the trail was compared with. */
  checkpoint?: { key: string; seq: number };
  attention?: string[];
}
