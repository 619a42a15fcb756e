/** Re-hashes an audit trail (from the first entry, or from a known position) and names the first place it was changed. */
import { isEngineError } from '../../errors';

import { GENESIS_HASH, hashAuditEntry, type AuditEntry, type AuditHead } from './audit-entry';
import type { AuditChainKey } from './audit-key';

export type AuditChainBreak = 'hash mismatch' | 'prevHash mismatch' | 'seq gap' | 'head mismatch' | 'checkpoint mismatch' | 'key mismatch' | 'downgraded';

export interface AuditChainReport {
  ok: boolean;
  /** Entries read, including the broken one. */
  checked: number;
  /**
   * - `hash mismatch`: this entry's content no longer matches its hash (edited in place; with a key, also an entry
   *   re-hashed by someone without the key).
   * - `prevHash mismatch`: this entry does not follow the one before it (an earlier entry was replaced and re-hashed,
   *   or entries were reordered).
   * - `seq gap`: `seq` is the first missing (or duplicated) number: an entry was deleted or inserted.
   * - `head mismatch`: the trail ends before the recorded head — its newest entries were deleted (`seq` is the last
   *   intact entry's seq + 1) — or the entry at the head's seq has another hash (the head or the tail was rewritten).
   * - `checkpoint mismatch`: the trail disagrees with an anchor kept outside it (a bucket checkpoint, or the position
   *   verified before): it is shorter than the anchor's seq, or has another hash there.
   * - `key mismatch`: the entry is chained with a key this process does not hold (none configured, or another one).
   * - `downgraded`: an unkeyed (plain SHA-256) entry follows keyed ones — the tail was rewritten without the key.
   */
  firstBroken?: { seq: number; reason: AuditChainBreak; detail: string };
}

/** A position known from outside the trail: a bucket checkpoint, or where the trail was last verified. */
export interface AuditAnchor {
  seq: number;
  hash: string;
  /** How messages name it, e.g. `the bucket checkpoint audit/checkpoints/000218.json`. */
  name: string;
}

export interface VerifyAuditChainOptions {
  /** The store's head, read before the entries: catches deletion of the newest entries. */
  head?: AuditHead;
  /** The chain key: needed to check keyed entries. */
  key?: AuditChainKey;
  /** Start here instead of at seq 1: the first entry must be this position (same seq and hash, own hash intact). */
  from?: AuditAnchor;
  /** The trail must reach `anchor.seq` and have `anchor.hash` there. */
  anchor?: AuditAnchor;
  /** Called with every entry that passed its checks. */
  onEntry?: (entry: AuditEntry) => void;
}

type Broken = NonNullable<AuditChainReport['firstBroken']>;
const short = (h: string) => `${h.slice(0, 12)}…`;

/**
 * Streams `entries` (in seq order, starting at 1 or at `from.seq`) and checks, for each: seq is the previous + 1,
 * prevHash is the previous entry's hash (GENESIS_HASH for the first), hash re-computes (HMAC with `key` for keyed
 * entries), no unkeyed entry follows a keyed one, and the entry at the anchor's or head's seq has its hash. Stops at
 * the first break. Entries appended after the head was read are checked like the rest. Pure apart from reading the
 * iterable; memory use does not grow with the trail.
 */
export async function verifyAuditChain(entries: AsyncIterable<AuditEntry> | Iterable<AuditEntry>, opts: VerifyAuditChainOptions = {}): Promise<AuditChainReport> {
  let checked = 0;
  const { from } = opts;
  let prev: AuditHead | undefined = from ? undefined : { seq: 0, hash: GENESIS_HASH };
  let keyed = false;
  for await (const entry of entries) {
    checked++;
    const broken = prev !== undefined ? checkEntry(entry, prev, { keyed, key: opts.key }) : from !== undefined ? checkStart(entry, from, opts.key) : undefined;
    const anchored = broken ?? checkAnchors(entry, opts);
    if (anchored) return { ok: false, checked, firstBroken: anchored };
    opts.onEntry?.(entry);
    keyed ||= entry.chain !== undefined;
    prev = { seq: entry.seq, hash: entry.hash };
  }
  const end = checkEnd(prev?.seq ?? 0, opts);
  return end ? { ok: false, checked, firstBroken: end } : { ok: true, checked };
}

function checkStart(entry: AuditEntry, from: AuditAnchor, key: AuditChainKey | undefined): Broken | undefined {
  if (entry.seq !== from.seq) return { seq: from.seq, reason: 'checkpoint mismatch', detail: `the trail has no entry ${from.seq} (found ${entry.seq}); ${from.name} says it was there` };
  if (entry.hash !== from.hash) return { seq: from.seq, reason: 'checkpoint mismatch', detail: `entry ${from.seq} has hash ${short(entry.hash)}, ${from.name} says ${short(from.hash)}` };
  return checkHash(entry, key);
}

function checkEntry(entry: AuditEntry, prev: AuditHead, state: { keyed: boolean; key: AuditChainKey | undefined }): Broken | undefined {
  const expected = prev.seq + 1;
  if (entry.seq !== expected) return { seq: expected, reason: 'seq gap', detail: `expected seq ${expected}, found ${entry.seq}` };
  if (entry.prevHash !== prev.hash) {
    return { seq: entry.seq, reason: 'prevHash mismatch', detail: `prevHash ${short(entry.prevHash)} does not match seq ${prev.seq}'s hash ${short(prev.hash)}` };
  }
  if (state.keyed && entry.chain === undefined) {
    return { seq: entry.seq, reason: 'downgraded', detail: `entry ${entry.seq} is chained with plain SHA-256 after keyed entries: rewritten without the key` };
  }
  return checkHash(entry, state.key);
}

function checkHash(entry: AuditEntry, key: AuditChainKey | undefined): Broken | undefined {
  let actual: string;
  try {
    actual = hashAuditEntry(entry, key);
  } catch (err) {
    if (!isEngineError(err, 'failed_precondition')) throw err;
    return { seq: entry.seq, reason: 'key mismatch', detail: err.message };
  }
  if (actual === entry.hash) return undefined;
  const what = entry.chain === undefined ? 'content hashes' : 'HMAC of the content is';
  return { seq: entry.seq, reason: 'hash mismatch', detail: `entry ${entry.seq}: ${what} ${short(actual)}, entry says ${short(entry.hash)}` };
}

function checkAnchors(entry: AuditEntry, opts: VerifyAuditChainOptions): Broken | undefined {
  const { anchor, head } = opts;
  if (anchor && entry.seq === anchor.seq && entry.hash !== anchor.hash) {
    return { seq: entry.seq, reason: 'checkpoint mismatch', detail: `entry ${entry.seq} has hash ${short(entry.hash)}, ${anchor.name} says ${short(anchor.hash)}` };
  }
  if (head && entry.seq === head.seq && entry.hash !== head.hash) {
    return { seq: entry.seq, reason: 'head mismatch', detail: `the head records a different hash for seq ${head.seq}` };
  }
  return undefined;
}

function checkEnd(last: number, opts: VerifyAuditChainOptions): Broken | undefined {
  const { from, anchor, head } = opts;
  if (from && last === 0) return { seq: from.seq, reason: 'checkpoint mismatch', detail: `the trail has no entry ${from.seq}; ${from.name} says it was there` };
  if (anchor && last < anchor.seq) {
    return { seq: last + 1, reason: 'checkpoint mismatch', detail: `the trail has ${last} entries, ${anchor.name} says ${anchor.seq}` };
  }
  if (head && last < head.seq) return { seq: last + 1, reason: 'head mismatch', detail: `the head records seq ${head.seq} but the trail ends at seq ${last}` };
  return undefined;
}
