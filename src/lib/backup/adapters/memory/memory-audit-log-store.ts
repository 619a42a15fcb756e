/**
 * In-memory AuditLogStore for unit tests; same contract as the Firestore store. `raw` holds the stored documents by
 * seq so tests can tamper with or delete them, as an attacker with database access could; `wipe()` removes every
 * entry, the head and the verified mark at once (a rewrite of the whole collection).
 */
import {
  EMPTY_HEAD,
  actorMatches,
  auditListLimit,
  headOf,
  nextAuditEntry,
  parseAuditCheckpoint,
  parseAuditEntry,
  type AuditChainKey,
  type AuditCheckpoint,
  type AuditEntry,
  type AuditHead,
  type AuditListFilter,
  type AuditLogStore,
} from '../../ports/audit';

export interface MemoryAuditLogStore extends AuditLogStore {
  raw: Map<number, Record<string, unknown>>;
  /** Replaces the head as stored (tests). */
  setRawHead(head: AuditHead): void;
  wipe(): void;
  /** Another store over the same stored trail, chaining with `key` (a process configured differently). */
  withKey(key: AuditChainKey | undefined): MemoryAuditLogStore;
}

interface State {
  raw: Map<number, Record<string, unknown>>;
  head: AuditHead;
  mark: unknown;
}

export function createMemoryAuditLogStore(opts: { key?: AuditChainKey; state?: State } = {}): MemoryAuditLogStore {
  const state: State = opts.state ?? { raw: new Map(), head: EMPTY_HEAD, mark: undefined };
  const raw = state.raw;
  const entries = (): AuditEntry[] =>
    [...raw.keys()].sort((a, b) => a - b).map((seq) => parseAuditEntry(String(seq), structuredClone(raw.get(seq))));

  return {
    raw,
    setRawHead: (h) => {
      state.head = { ...h };
    },
    wipe: () => {
      raw.clear();
      state.head = EMPTY_HEAD;
      state.mark = undefined;
    },
    withKey: (key) => createMemoryAuditLogStore({ key, state }),
    // No await between reading the head and storing the entry: JavaScript runs this section alone, which is what
    // makes concurrent appends form one chain here.
    async append(input) {
      const entry = nextAuditEntry(input, state.head, opts.key);
      raw.set(entry.seq, structuredClone(entry) as unknown as Record<string, unknown>);
      state.head = headOf(entry);
      return structuredClone(entry);
    },
    async head() {
      return { ...state.head };
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
    async *readAll(o = {}) {
      const from = o.fromSeq ?? 1;
      for (const seq of [...raw.keys()].sort((a, b) => a - b)) if (seq >= from) yield parseAuditEntry(String(seq), structuredClone(raw.get(seq)));
    },
    async verifiedMark() {
      return state.mark === undefined ? undefined : parseAuditCheckpoint('verified mark', structuredClone(state.mark));
    },
    async saveVerifiedMark(m: AuditCheckpoint) {
      state.mark = structuredClone(m);
    },
  };
}
