/**
 * In-memory AuditLogStore for unit tests; same contract as the Firestore store. `raw` holds the stored documents by
 * seq so tests can tamper with or delete them, as an attacker with database access could.
 */
import { EMPTY_HEAD, nextAuditEntry, parseAuditEntry, type AuditEntry, type AuditHead } from '../../engine/audit/audit-entry';
import { actorMatches, auditListLimit, type AuditListFilter, type AuditLogStore } from '../../engine/audit/audit-port';

export function createMemoryAuditLogStore(): AuditLogStore & { raw: Map<number, Record<string, unknown>> } {
  const raw = new Map<number, Record<string, unknown>>();
  let head: AuditHead = EMPTY_HEAD;
  const entries = (): AuditEntry[] =>
    [...raw.keys()].sort((a, b) => a - b).map((seq) => parseAuditEntry(String(seq), structuredClone(raw.get(seq))));

  return {
    raw,
    // No await between reading the head and storing the entry: JavaScript runs this section alone, which is what
    // makes concurrent appends form one chain here.
    async append(input) {
      const entry = nextAuditEntry(input, head);
      raw.set(entry.seq, structuredClone(entry) as unknown as Record<string, unknown>);
      head = { seq: entry.seq, hash: entry.hash };
      return structuredClone(entry);
    },
    async head() {
      return { ...head };
    },
    async list(filter: AuditListFilter = {}) {
      return entries()
        .reverse()
        .filter((e) => (filter.before === undefined ? true : e.seq < filter.before))
        .filter((e) => (filter.action === undefined ? true : e.action === filter.action))
        .filter((e) => (filter.outcome === undefined ? true : e.outcome === filter.outcome))
        .filter((e) => (filter.actor === undefined ? true : actorMatches(e, filter.actor)))
        .slice(0, auditListLimit(filter));
    },
    // Parses one entry at a time, as a paged store does, so a malformed entry surfaces at its position.
    async *readAll() {
      for (const seq of [...raw.keys()].sort((a, b) => a - b)) yield parseAuditEntry(String(seq), structuredClone(raw.get(seq)));
    },
  };
}
