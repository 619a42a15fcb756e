/**
 * AuditLogStore port: the append-only, hash-chained audit trail (`backup_logs`).
 *
 * Contract (engine/audit/testing/audit-log-store-contract.ts runs it against every adapter):
 * - `append` builds the entry with `nextAuditEntry` (with the store's chain key, if any) from the current head and
 *   stores entry + new head atomically: concurrent appends (any number of processes) form ONE chain — seqs 1..n with
 *   no gaps, no duplicates, no forks. Params are redacted before anything is stored. The stored entry is returned once
 *   it is committed. A store may commit appends that wait at the same time together (group commit): one atomic
 *   write, entries chained in arrival order; an input that cannot be chained fails alone.
 * - Nothing updates or deletes entries: there is no such method, and `append` never overwrites an existing seq.
 * - `head` returns the newest seq and hash (`EMPTY_HEAD` for an empty trail); verification uses it to notice deleted
 *   newest entries.
 * - `list` is newest first, `limit` (default 50, max 500) entries, filters combined with AND: `before` = seq below,
 *   `actor` = matches actor.uid, actor.email or actor.system.
 * - `readAll` yields every entry in seq order in bounded memory; `fromSeq` starts at that seq.
 * - `verifiedMark`/`saveVerifiedMark` keep where verification last ended (a signed checkpoint), so verification can
 *   resume there; a malformed mark is an `integrity` error. The mark is not an entry and never appears in list/readAll.
 * - Entries read back are parsed (`parseAuditEntry`); a malformed document is an `integrity` error naming it.
 * - Errors are EngineErrors; contention and transient backend failures are retryable.
 */
import type { AuditCheckpoint } from '../engine/audit/audit-checkpoints';
import type { AuditEntry, AuditHead, AuditInput, AuditOutcome } from '../engine/audit/audit-entry';

/**
 * The audit chain's pure rules a store applies (building and hashing the next entry, parsing what it reads back):
 * domain logic that lives with the engine's audit use cases, exposed here so adapters depend on this port only.
 */
export { parseAuditCheckpoint, type AuditCheckpoint } from '../engine/audit/audit-checkpoints';
export {
  EMPTY_HEAD,
  auditHeadSchema,
  headOf,
  nextAuditEntry,
  parseAuditEntry,
  type AuditEntry,
  type AuditHead,
  type AuditInput,
  type AuditOutcome,
} from '../engine/audit/audit-entry';
export type { AuditChainKey } from '../engine/audit/audit-key';

export interface AuditListFilter {
  limit?: number;
  /** Only entries with seq < before (pagination cursor). */
  before?: number;
  action?: string;
  outcome?: AuditOutcome;
  actor?: string;
}

export interface AuditLogStore {
  append(input: AuditInput): Promise<AuditEntry>;
  head(): Promise<AuditHead>;
  list(filter?: AuditListFilter): Promise<AuditEntry[]>;
  readAll(opts?: { fromSeq?: number }): AsyncIterable<AuditEntry>;
  verifiedMark(): Promise<AuditCheckpoint | undefined>;
  saveVerifiedMark(mark: AuditCheckpoint): Promise<void>;
}

export const AUDIT_LIST_DEFAULT_LIMIT = 50;
export const AUDIT_LIST_MAX_LIMIT = 500;

/** The effective page size for a filter. */
export function auditListLimit(filter: AuditListFilter): number {
  return Math.min(Math.max(1, Math.floor(filter.limit ?? AUDIT_LIST_DEFAULT_LIMIT)), AUDIT_LIST_MAX_LIMIT);
}

/** True when `entry`'s actor is the one a filter names (uid, email or system name). */
export function actorMatches(entry: AuditEntry, actor: string): boolean {
  const a = entry.actor;
  return 'system' in a ? a.system === actor : a.uid === actor || a.email === actor;
}
