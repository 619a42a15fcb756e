/**
 * One audit-trail entry: who did what, when, from where, and how it ended. Entries form a hash chain — each entry's
 * hash covers its own content and the previous entry's hash — so changing, inserting or removing an entry anywhere
 * is detectable by re-hashing (verify-audit-chain.ts).
 */
import { createHash } from 'node:crypto';

import { z } from 'zod';

import { EngineError } from '../../errors';

import { canonicalJson } from './canonical-json';
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
  prevHash: string;
  /** SHA-256 hex of canonicalJson(entry without `hash`). */
  hash: string;
}

/** What a caller records; the store assigns `seq`, `prevHash` and `hash`. */
export type AuditInput = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** The newest entry's seq and hash (seq 0 and GENESIS_HASH for an empty trail). */
export interface AuditHead {
  seq: number;
  hash: string;
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
    prevHash: hex64,
    hash: hex64,
  })
  .strict();

export const auditHeadSchema = z.object({ seq: z.number().int().nonnegative(), hash: hex64 });

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

/** SHA-256 hex of the canonical JSON of everything in the entry except `hash`. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  const { hash: _hash, ...content } = entry;
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/**
 * The entry that follows `head`: params sanitised, optional fields left out when empty (so the stored document and
 * the hashed value are the same shape), seq/prevHash/hash assigned. Pure: stores call it inside their atomic section.
 */
export function nextAuditEntry(input: AuditInput, head: AuditHead): AuditEntry {
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
    prevHash: head.hash,
  };
  return { ...content, hash: hashAuditEntry(content) };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function compact<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
