/** Re-hashes an audit trail from the first entry and names the first place it was changed. */
import { GENESIS_HASH, hashAuditEntry, type AuditEntry, type AuditHead } from './audit-entry';

export type AuditChainBreak = 'hash mismatch' | 'prevHash mismatch' | 'seq gap' | 'head mismatch';

export interface AuditChainReport {
  ok: boolean;
  /** Entries read, including the broken one. */
  checked: number;
  /**
   * - `hash mismatch`: this entry's content no longer matches its hash (edited in place).
   * - `prevHash mismatch`: this entry does not follow the one before it (an earlier entry was replaced and re-hashed,
   *   or entries were reordered).
   * - `seq gap`: `seq` is the first missing (or duplicated) number: an entry was deleted or inserted.
   * - `head mismatch`: the trail ends before the recorded head — its newest entries were deleted (`seq` is the last
   *   intact entry's seq + 1) — or the entry at the head's seq has another hash (the head or the tail was rewritten).
   */
  firstBroken?: { seq: number; reason: AuditChainBreak; detail: string };
}

/**
 * Streams `entries` (which must be in seq order, starting at 1) and checks, for each: seq is the previous + 1,
 * prevHash is the previous entry's hash (GENESIS_HASH for the first) and hash re-computes. Stops at the first break.
 * Pass the store's `head`, read before the entries, to also catch deletion of the newest entries, which the chain
 * alone cannot show; entries appended after the head was read are checked like the rest.
 * Pure apart from reading the iterable; memory use does not grow with the trail.
 */
export async function verifyAuditChain(entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>, opts: { head?: AuditHead } = {}): Promise<AuditChainReport> {
  let checked = 0;
  let prev: AuditHead = { seq: 0, hash: GENESIS_HASH };
  const head = opts.head;
  for await (const entry of entries) {
    checked++;
    const broken = checkEntry(entry, prev);
    if (broken) return { ok: false, checked, firstBroken: broken };
    if (head && entry.seq === head.seq && entry.hash !== head.hash) {
      return { ok: false, checked, firstBroken: { seq: entry.seq, reason: 'head mismatch', detail: `the head records a different hash for seq ${head.seq}` } };
    }
    prev = { seq: entry.seq, hash: entry.hash };
  }
  if (head && prev.seq < head.seq) {
    const detail = `the head records seq ${head.seq} but the trail ends at seq ${prev.seq}`;
    return { ok: false, checked, firstBroken: { seq: prev.seq + 1, reason: 'head mismatch', detail } };
  }
  return { ok: true, checked };
}

function checkEntry(entry: AuditEntry, prev: AuditHead): AuditChainReport['firstBroken'] {
  const expected = prev.seq + 1;
  if (entry.seq !== expected) return { seq: expected, reason: 'seq gap', detail: `expected seq ${expected}, found ${entry.seq}` };
  if (entry.prevHash !== prev.hash) {
    return { seq: entry.seq, reason: 'prevHash mismatch', detail: `prevHash ${entry.prevHash.slice(0, 12)}… does not match seq ${prev.seq}'s hash ${prev.hash.slice(0, 12)}…` };
  }
  const actual = hashAuditEntry(entry);
  if (actual !== entry.hash) return { seq: entry.seq, reason: 'hash mismatch', detail: `content hashes to ${actual.slice(0, 12)}…, entry says ${entry.hash.slice(0, 12)}…` };
  return undefined;
}
