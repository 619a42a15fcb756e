/**
 * Use case: verify the stored audit trail, as the Audit tab's "Verify chain" and `backup:report` do. Incremental by
 * default: it resumes from the position the last successful verification reached (a signed mark in the store) or the
 * newest bucket checkpoint, whichever is older, so a call re-hashes only what is new; `full` re-hashes from seq 1.
 * Either way the trail must agree with the newest bucket checkpoint and with its head.
 */
import { isEngineError } from '../../errors';
import type { BackupStore, Clock } from '../../ports';

import { checkpointProblem, newestAuditCheckpoint, signAuditCheckpoint, type AuditCheckpoint } from './audit-checkpoints';
import type { AuditEntry, AuditHead } from './audit-entry';
import type { AuditChainKey } from './audit-key';
import type { AuditLogStore } from '../../ports/audit';
import { verifyAuditChain, type AuditAnchor, type AuditChainBreak } from './verify-audit-chain';

export interface AuditTrailReport {
  ok: boolean;
  /** Entries re-hashed by this call. */
  checked: number;
  firstBroken?: { seq: number; reason: AuditChainBreak | 'malformed entry'; detail: string };
  /** The head read before the entries. */
  head: AuditHead;
  /** `full` from seq 1, or `incremental` from `from`. */
  mode: 'full' | 'incremental';
  from: number;
  /** Whether entries are keyed (HMAC) in this deployment: `unkeyed` is an attention item. */
  keying: 'keyed' | 'unkeyed';
  /** The newest bucket checkpoint the trail was compared with. */
  checkpoint?: { key: string; seq: number };
  /** Things an operator should know that do not make the trail broken (e.g. an unkeyed chain). */
  attention: string[];
}

export interface VerifyAuditTrailOptions {
  key?: AuditChainKey;
  /** The backup bucket holding `audit/checkpoints/`; without it the trail is compared with its head only. */
  bucket?: BackupStore;
  /** Re-hash from seq 1 instead of the last verified position. */
  full?: boolean;
  clock: Clock;
}

const UNKEYED_ATTENTION =
  'unkeyed: BACKUP_AUDIT_HMAC_KEY is not set, so the audit chain is plain SHA-256 — anyone who can write the control database can rewrite it consistently; only the bucket checkpoints would show it';

/**
 * Verifies and, when the trail is intact, saves the new verified mark. A stored document that no longer parses as an
 * entry is reported as broken where reading stopped, not thrown: for an audit trail that is evidence of tampering,
 * not an outage. Other errors (the store is unreachable) are thrown.
 */
export async function verifyAuditTrail(store: AuditLogStore, opts: VerifyAuditTrailOptions): Promise<AuditTrailReport> {
  const attention: string[] = opts.key ? [] : [UNKEYED_ATTENTION];
  const head = await store.head();
  const newest = opts.bucket ? await newestAuditCheckpoint(opts.bucket, opts.key) : undefined;
  const base = { head, keying: opts.key ? ('keyed' as const) : ('unkeyed' as const), attention, checkpoint: newest && { key: newest.key, seq: newest.seq } };
  if (newest && 'problem' in newest) {
    return { ...base, ok: false, checked: 0, mode: 'full', from: 1, firstBroken: { seq: newest.seq, reason: 'checkpoint mismatch', detail: newest.problem } };
  }
  const anchor: AuditAnchor | undefined = newest && { seq: newest.checkpoint.seq, hash: newest.checkpoint.hash, name: `the bucket checkpoint ${newest.key}` };
  const mark = opts.full ? undefined : await usableMark(store, opts.key, attention);
  const from = startingPoint(mark, anchor);
  let unkeyed = 0;
  let last: AuditEntry | undefined;
  const report = await readAndVerify(store, {
    head,
    key: opts.key,
    anchor,
    from,
    onEntry: (e) => {
      if (e.chain === undefined) unkeyed++;
      last = e;
    },
  });
  if (opts.key && unkeyed > 0) attention.push(`${unkeyed} of the entries checked predate the key and are chained unkeyed (plain SHA-256)`);
  if (report.ok && last && last.seq > (mark?.seq ?? 0)) {
    await store.saveVerifiedMark(signAuditCheckpoint(last, { at: opts.clock.now(), key: opts.key, purpose: 'verified' }));
  }
  return { ...base, ...report, mode: from ? 'incremental' : 'full', from: from?.seq ?? 1 };
}

/** The stored verified mark if it verifies with the key; otherwise undefined (a full verification) and a note. */
async function usableMark(store: AuditLogStore, key: AuditChainKey | undefined, attention: string[]): Promise<AuditCheckpoint | undefined> {
  let mark: AuditCheckpoint | undefined;
  try {
    mark = await store.verifiedMark();
  } catch (err) {
    if (!isEngineError(err, 'integrity')) throw err;
    attention.push('the stored verified position is malformed: verified in full');
    return undefined;
  }
  const problem = mark && checkpointProblem(mark, key, 'verified');
  if (problem === undefined) return mark;
  attention.push(`the stored verified position ${problem}: verified in full`);
  return undefined;
}

/** The older of the verified mark and the bucket checkpoint (so the checkpoint's entry is always re-read). */
function startingPoint(mark: AuditCheckpoint | undefined, anchor: AuditAnchor | undefined): AuditAnchor | undefined {
  if (mark === undefined) return undefined;
  const verified = { seq: mark.seq, hash: mark.hash, name: `the verified position (seq ${mark.seq}, ${mark.at})` };
  return anchor && anchor.seq < verified.seq ? anchor : verified;
}

async function readAndVerify(store: AuditLogStore, opts: Parameters<typeof verifyAuditChain>[1] & { from?: AuditAnchor }): Promise<Pick<AuditTrailReport, 'ok' | 'checked' | 'firstBroken'>> {
  let lastGood = (opts.from?.seq ?? 1) - 1;
  let read = 0;
  async function* tracked(): AsyncIterable<AuditEntry> {
    for await (const entry of store.readAll({ fromSeq: opts.from?.seq })) {
      read++;
      yield entry;
      lastGood = entry.seq;
    }
  }
  try {
    return await verifyAuditChain(tracked(), opts);
  } catch (err) {
    if (!isEngineError(err, 'integrity')) throw err;
    return { ok: false, checked: read + 1, firstBroken: { seq: lastGood + 1, reason: 'malformed entry', detail: err.message } };
  }
}
