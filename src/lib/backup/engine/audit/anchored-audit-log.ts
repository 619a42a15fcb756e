/**
 * The audit trail as the runtime uses it: a store plus its anchors outside the database. The first and every
 * `every`-th entry write a write-once bucket checkpoint of the head; `anchor()` writes one for the current head (taken with every
 * backup, whose manifest records the same head); `verify()` checks the trail against its key, head and the newest
 * checkpoint (verify-audit-trail.ts).
 */
import type { BackupStore, Clock } from '../../ports';

import { writeAuditCheckpoint } from './audit-checkpoints';
import { headOf, type AuditHead } from './audit-entry';
import type { AuditChainKey } from './audit-key';
import type { AuditLogStore } from '../../ports/audit';
import { verifyAuditTrail, type AuditTrailReport } from './verify-audit-trail';

export interface AnchoredAuditLogOptions {
  /** The backup bucket: checkpoints go under `audit/checkpoints/`. */
  bucket: BackupStore;
  key?: AuditChainKey;
  /** A checkpoint every this many entries (BACKUP_AUDIT_CHECKPOINT_EVERY, default 100). */
  every: number;
  clock: Clock;
  /** Where a failed checkpoint write is reported: the entry is committed, so the append still succeeds. */
  log?: (line: string, err?: unknown) => void;
}

export interface AnchoredAuditLog extends AuditLogStore {
  readonly keyed: boolean;
  /** Writes the bucket checkpoint of the current head (nothing for an empty trail) and returns that head. */
  anchor(): Promise<AuditHead>;
  verify(opts?: { full?: boolean }): Promise<AuditTrailReport>;
}

export function anchorAuditLog(store: AuditLogStore, opts: AnchoredAuditLogOptions): AnchoredAuditLog {
  const checkpoint = (head: AuditHead) =>
    writeAuditCheckpoint(opts.bucket, head, { at: opts.clock.now(), key: opts.key }).catch((err: unknown) => {
      opts.log?.(`audit: could not write the bucket checkpoint of seq ${head.seq}`, err);
      return undefined;
    });
  return {
    keyed: opts.key !== undefined,
    append: async (input) => {
      const entry = await store.append(input);
      // Seq 1 too: a new trail is anchored from its first entry, not only once it reaches `every`.
      if (entry.seq === 1 || entry.seq % opts.every === 0) await checkpoint(headOf(entry));
      return entry;
    },
    head: () => store.head(),
    list: (filter) => store.list(filter),
    readAll: (o) => store.readAll(o),
    verifiedMark: () => store.verifiedMark(),
    saveVerifiedMark: (mark) => store.saveVerifiedMark(mark),
    anchor: async () => {
      const head = await store.head();
      await checkpoint(head);
      return head;
    },
    verify: (o = {}) => verifyAuditTrail(store, { key: opts.key, bucket: opts.bucket, clock: opts.clock, full: o.full }),
  };
}
