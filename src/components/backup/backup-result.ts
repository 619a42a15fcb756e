/**
 * The catalog entry of a backup (`result` of a backup job) as the portal reads it. The API sends it as an open
 * record; this narrows the fields the tables and charts show.
 */
import type { BackupListItemView, NotEncryptedReason } from '@/lib/contracts/responses';

export interface BackupFacts {
  documents: number | null;
  bytes: number | null;
  durationMs: number | null;
  verified: boolean;
  verifiedAt: string | null;
  snapshotTime: string | null;
  encrypted: boolean | null;
  keyId: string | null;
  /** Why it is not encrypted; null when it is, or when the entry predates the recorded reason. */
  notEncryptedReason: NotEncryptedReason | null;
  include: string[];
  exclude: string[];
  trigger: string | null;
  collections: Record<string, number>;
  legalHold: { reason: string; setBy: string; setAt: string } | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

function collectionsOf(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const [k, c] of Object.entries(v as Record<string, unknown>)) {
    const n = num((c as { documents?: unknown } | null)?.documents);
    if (n !== null) out[k] = n;
  }
  return out;
}

function holdOf(v: unknown): BackupFacts['legalHold'] {
  if (typeof v !== 'object' || v === null) return null;
  const h = v as Record<string, unknown>;
  const reason = str(h.reason);
  return reason === null ? null : { reason, setBy: str(h.setBy) ?? '', setAt: str(h.setAt) ?? '' };
}

/** The facts of a backup list item; every number is null while the backup has no result (running, failed). */
export function backupFacts(item: Pick<BackupListItemView, 'result'>): BackupFacts {
  const r = item.result ?? {};
  return {
    documents: num(r.documents),
    bytes: num(r.bytes),
    durationMs: num(r.durationMs),
    verified: r.verified === true,
    verifiedAt: str(r.verifiedAt),
    snapshotTime: str(r.snapshotTime),
    encrypted: typeof r.encrypted === 'boolean' ? r.encrypted : null,
    keyId: str(r.keyId),
    notEncryptedReason: reasonOf(r.notEncryptedReason),
    include: strings(r.include),
    exclude: strings(r.exclude),
    trigger: str(r.trigger),
    collections: collectionsOf(r.collections),
    legalHold: holdOf(r.legalHold),
  };
}

/** Each reason in words: a new reason is a type error here until the portal can say it. */
const NOT_ENCRYPTED_TEXT: Readonly<Record<NotEncryptedReason, string>> = {
  not_requested: 'not requested',
  no_key_configured: 'no key configured',
  managed_export: 'managed export: not encrypted by the console',
};

function reasonOf(v: unknown): NotEncryptedReason | null {
  return typeof v === 'string' && Object.hasOwn(NOT_ENCRYPTED_TEXT, v) ? (v as NotEncryptedReason) : null;
}

/** "Encrypted (AES-256-GCM, key k1)", "Not encrypted (no key configured)", or "—" while there is no result. */
export function encryptionLabel(facts: Pick<BackupFacts, 'encrypted' | 'keyId' | 'notEncryptedReason'>): string {
  if (facts.encrypted === null) return '—';
  if (facts.encrypted) return `Encrypted (AES-256-GCM${facts.keyId ? `, key ${facts.keyId}` : ''})`;
  return facts.notEncryptedReason ? `Not encrypted (${NOT_ENCRYPTED_TEXT[facts.notEncryptedReason]})` : 'Not encrypted';
}

/** "all collections", or the include/exclude patterns. */
export function scopeLabel(facts: Pick<BackupFacts, 'include' | 'exclude'>): string {
  const inc = facts.include.length > 0 ? facts.include.join(', ') : 'all collections';
  return facts.exclude.length > 0 ? `${inc} except ${facts.exclude.join(', ')}` : inc;
}
