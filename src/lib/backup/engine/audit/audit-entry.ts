/**
 * One audit-trail entry: who did what, when, from where, and how it ended. Entries form a hash chain — each entry's
 * hash covers its own content and the previous entry's hash — so changing, inserting or removing an entry anywhere
 * is detectable by re-hashing (verify-audit-chain.ts). With a chain key the hash is an HMAC (audit-key.ts) and the
 * entry records the key's id in `chain`; entries without `chain` are plain SHA-256 (unkeyed, or older than the key).
 */
import { z } from 'zod';

import { EngineError } from '../../errors';

import { canonicalJson } from './canonical-json';
import { chainHash, chainIdOf, keyIdOf, UNKEYED, type AuditChainKey } from './audit-key';
import { sanitizeParams } from './sanitize-params';

/** The prevHash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditOutcome = 'ok' | 'refused' | 'failed';

/** A signed-in person (from the verified ID token) or a named system caller (`scheduler`, `worker`, `cli`). */
export type AuditActor = { uid: string; email?: string; role: string; ip?: string } | { system: string };

export interface AuditEntry {
  /** 1, 2, 3, … with no gaps. */
  seq: number;
  /** ISO time of the action. */
  at: string;
  actor: AuditActor;
  /** Verb-noun, e.g. `backup.start`, `restore.confirm`, `retention.prune`. */
  action: string;
  /** What was acted on: a backup id, job id, schedule id. */
  target?: string;
  /** Request parameters, secrets redacted (sanitize-params.ts). */
  params?: Record<string, unknown>;
  outcome: AuditOutcome;
  /** Why it was refused or failed. */
  reason?: string;
  requestId?: string;
  /** `hmac-sha256:<key id>` when the entry was chained with a key; absent for plain SHA-256. Covered by the hash. */
  chain?: string;
  prevHash: string;
  /** Hex SHA-256 (or HMAC-SHA256 with the key `chain` names) of canonicalJson(entry without `hash`). */
  hash: string;
}

/** What a caller records; the store assigns `seq`, `chain`, `prevHash` and `hash`. */
export type AuditInput = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash' | 'chain'>;

/** The newest entry's seq and hash (seq 0 and GENESIS_HASH for an empty trail), and its chain when keyed. */
export interface AuditHead {
  seq: number;
  hash: string;
  chain?: string;
}

export const EMPTY_HEAD: AuditHead = { seq: 0, hash: GENESIS_HASH };

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const actorSchema = z.union([
  z.object({ uid: z.string(), email: z.string().optional(), role: z.string(), ip: z.string().optional() }).strict(),
  z.object({ system: z.string() }).strict(),
]);

/** Parses entries read back from a store; unknown fields are refused so they cannot ride along unhashed. */
export const auditEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: z.string(),
    actor: actorSchema,
    action: z.string().min(1),
    target: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    outcome: z.enum(['ok', 'refused', 'failed']),
    reason: z.string().optional(),
    requestId: z.string().optional(),
    chain: z.string().regex(/^hmac-sha256:[0-9a-f]{16}$/, 'expected hmac-sha256:<16 hex digits>').optional(),
    prevHash: hex64,
    hash: hex64,
  })
  .strict();

export const auditHeadSchema = z.object({ seq: z.number().int().nonnegative(), hash: hex64, chain: z.string().optional() });

/** Parses a stored entry; a malformed one is an `integrity` error naming the document. */
export function parseAuditEntry(where: string, data: unknown): AuditEntry {
  const r = auditEntrySchema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue ? issue.path.join('.') || '(root)' : '(root)';
  throw new EngineError('integrity', `audit entry ${where} is malformed: ${path}: ${issue?.message ?? 'invalid'}`, {
    details: { entry: where, issues: r.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) },
  });
}

/**
 * The hash of everything in the entry except `hash`, by the entry's own `chain`: SHA-256, or HMAC-SHA256 with `key`.
 * Throws `failed_precondition` when the entry names a key other than `key` (see chainHash).
 */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'> & { hash?: string }, key?: AuditChainKey): string {
  const { hash: _hash, ...content } = entry;
  return chainHash(entry.chain ?? UNKEYED, canonicalJson(content), key);
}

/**
 * The entry that follows `head`: params sanitised, optional fields left out when empty (so the stored document and
 * the hashed value are the same shape), seq/chain/prevHash/hash assigned — keyed when `key` is given. Pure: stores
 * call it inside their atomic section. Refuses (`failed_precondition`) to continue a keyed trail without its key or
 * with another key: an unkeyed or foreign entry after keyed ones would read as a rewrite.
 */
export function nextAuditEntry(input: AuditInput, head: AuditHead, key?: AuditChainKey): AuditEntry {
  const headKey = head.chain === undefined ? undefined : keyIdOf(head.chain);
  if (headKey !== undefined && headKey !== key?.id) {
    const have = key ? `key ${key.id}` : 'no BACKUP_AUDIT_HMAC_KEY';
    throw new EngineError('failed_precondition', `the audit trail is chained with key ${headKey} and this process has ${have}: configure the same key`);
  }
  const chain = chainIdOf(key);
  const content: Omit<AuditEntry, 'hash'> = {
    seq: head.seq + 1,
    at: input.at,
    actor: compact({ ...input.actor }),
    action: input.action,
    ...optional('target', input.target),
    ...(input.params === undefined ? {} : { params: sanitizeParams(input.params) }),
    outcome: input.outcome,
    ...optional('reason', input.reason),
    ...optional('requestId', input.requestId),
    ...(chain === UNKEYED ? {} : { chain }),
    prevHash: head.hash,
  };
  return { ...content, hash: hashAuditEntry(content, key) };
}

/** The head after `entry`. */
export function headOf(entry: AuditEntry): AuditHead {
  return entry.chain === undefined ? { seq: entry.seq, hash: entry.hash } : { seq: entry.seq, hash: entry.hash, chain: entry.chain };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
