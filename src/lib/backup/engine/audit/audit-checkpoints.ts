/**
 * Write-once checkpoints of the audit trail's head in the backup bucket (`audit/checkpoints/<seq>.json`), outside the
 * control database: someone who can rewrite or wipe `backup_logs` cannot make the trail agree with them again. Written
 * every N entries and with every backup's manifest; `verifyAuditTrail` compares the trail with the newest one. With a
 * chain key each checkpoint carries an HMAC, so a checkpoint written without the key is recognised.
 */
import { z } from 'zod';

import { EngineError, isEngineError } from '../../errors';
import type { BackupStore } from '../../ports';

import type { AuditHead } from './audit-entry';
import { chainHash, chainIdOf, keyIdOf, type AuditChainKey } from './audit-key';
import { canonicalJson } from './canonical-json';

export const AUDIT_CHECKPOINT_PREFIX = 'audit/checkpoints/';

/** One checkpoint as stored: the head at `seq`, when it was taken, and (keyed) its HMAC. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  /** `sha256` (unkeyed: `mac` is a plain SHA-256) or `hmac-sha256:<key id>`. */
  chain: string;
  mac: string;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const checkpointSchema = z.strictObject({ seq: z.number().int().positive(), hash: hex64, at: z.string(), chain: z.string(), mac: hex64 });

/** `audit/checkpoints/000218.json` (at least six digits; listing order does not matter, the seq inside does). */
export function auditCheckpointKey(seq: number): string {
  return `${AUDIT_CHECKPOINT_PREFIX}${String(seq).padStart(6, '0')}.json`;
}

/** What a checkpoint vouches for: a bucket anchor, or the position verification last reached. */
export type CheckpointPurpose = 'bucket' | 'verified';

const macText = (c: Omit<AuditCheckpoint, 'mac'>, purpose: CheckpointPurpose) =>
  canonicalJson({ purpose: `audit-checkpoint:${purpose}`, seq: c.seq, hash: c.hash, at: c.at, chain: c.chain });

/** The checkpoint of `head`, signed with `key` when there is one. */
export function signAuditCheckpoint(head: AuditHead, opts: { at: Date; key: AuditChainKey | undefined; purpose: CheckpointPurpose }): AuditCheckpoint {
  const body = { seq: head.seq, hash: head.hash, at: opts.at.toISOString(), chain: chainIdOf(opts.key) };
  return { ...body, mac: chainHash(body.chain, macText(body, opts.purpose), opts.key) };
}

/** Parses a stored checkpoint; a malformed one is an `integrity` error naming `where`. */
export function parseAuditCheckpoint(where: string, data: unknown): AuditCheckpoint {
  const r = checkpointSchema.safeParse(data);
  if (r.success) return r.data;
  throw new EngineError('integrity', `audit checkpoint ${where} is malformed`, { details: { issues: r.error.issues.slice(0, 3) } });
}

/**
 * Why `c` cannot be trusted with `key`, or undefined when its MAC verifies. An unkeyed checkpoint is accepted also
 * when a key is configured (it predates the key); a keyed one needs that key.
 */
export function checkpointProblem(c: AuditCheckpoint, key: AuditChainKey | undefined, purpose: CheckpointPurpose): string | undefined {
  const keyId = keyIdOf(c.chain);
  if (keyId !== undefined && key === undefined) return `signed with key ${keyId}; BACKUP_AUDIT_HMAC_KEY is not configured`;
  try {
    if (chainHash(c.chain, macText(c, purpose), key) !== c.mac) return `does not verify (${keyId === undefined ? 'checksum' : 'HMAC'} mismatch)`;
  } catch (err) {
    if (isEngineError(err, 'failed_precondition')) return err.message;
    throw err;
  }
  return undefined;
}

/**
 * Stores the checkpoint of `head` (nothing for an empty trail). Write-once: when the object exists already (another
 * process, or the backup, anchored the same seq) the one stored is kept. Returns the key.
 */
export async function writeAuditCheckpoint(store: BackupStore, head: AuditHead, opts: { at: Date; key: AuditChainKey | undefined }): Promise<string | undefined> {
  // Nothing to anchor, or a keyed head this process cannot sign for (no key or another one): its unkeyed checkpoint
  // would read as one written without the key.
  const headKey = head.chain === undefined ? undefined : keyIdOf(head.chain);
  if (head.seq === 0 || (headKey !== undefined && headKey !== opts.key?.id)) return undefined;
  const key = auditCheckpointKey(head.seq);
  const body = `${JSON.stringify(signAuditCheckpoint(head, { ...opts, purpose: 'bucket' }))}\n`;
  try {
    await store.put(key, Buffer.from(body, 'utf8'), { contentType: 'application/json' });
  } catch (err) {
    if (!isEngineError(err, 'already_exists')) throw err;
  }
  return key;
}

/** The newest checkpoint, or a reason it cannot be trusted. */
export type NewestCheckpoint = { key: string; seq: number; checkpoint: AuditCheckpoint } | { key: string; seq: number; problem: string };

/**
 * The checkpoint to compare the trail with. A checkpoint that does not parse, whose file name and seq disagree, or
 * whose MAC does not verify with `key` is returned as a `problem` (evidence of tampering, not an outage). Without a
 * key: the one with the highest seq. With a key: the newest checkpoint signed with it; unkeyed ones are accepted only
 * while none is keyed (they predate the key) — an unkeyed checkpoint newer than a keyed one was written without the
 * key and is a problem. Undefined when there is none.
 */
export async function newestAuditCheckpoint(store: BackupStore, key: AuditChainKey | undefined): Promise<NewestCheckpoint | undefined> {
  const found: Array<{ key: string; seq: number }> = [];
  for await (const obj of store.list(AUDIT_CHECKPOINT_PREFIX)) {
    const m = /^audit\/checkpoints\/(\d+)\.json$/.exec(obj.key);
    const seq = m?.[1] === undefined ? Number.NaN : Number(m[1]);
    if (Number.isSafeInteger(seq)) found.push({ key: obj.key, seq });
  }
  found.sort((a, b) => b.seq - a.seq);
  let newestUnkeyed: NewestCheckpoint | undefined;
  for (const at of found) {
    const read = await readCheckpoint(store, at, key);
    if ('problem' in read || key === undefined) return read;
    if (keyIdOf(read.checkpoint.chain) === undefined) {
      newestUnkeyed ??= read;
      continue;
    }
    if (newestUnkeyed === undefined) return read;
    return { ...newestUnkeyed, problem: `the bucket checkpoint ${newestUnkeyed.key} is unkeyed but newer than the keyed ${read.key}: written without the key` };
  }
  return newestUnkeyed;
}

async function readCheckpoint(store: BackupStore, at: { key: string; seq: number }, key: AuditChainKey | undefined): Promise<NewestCheckpoint> {
  const bad = (why: string): NewestCheckpoint => ({ ...at, problem: `the bucket checkpoint ${at.key} ${why}` });
  let c: AuditCheckpoint;
  try {
    c = parseAuditCheckpoint(at.key, JSON.parse((await store.get(at.key)).toString('utf8')));
  } catch (err) {
    if (err instanceof SyntaxError || isEngineError(err, 'integrity')) return bad('is malformed');
    throw err;
  }
  if (c.seq !== at.seq) return bad(`holds seq ${c.seq}`);
  const problem = checkpointProblem(c, key, 'bucket');
  return problem === undefined ? { ...at, checkpoint: c } : bad(problem);
}
