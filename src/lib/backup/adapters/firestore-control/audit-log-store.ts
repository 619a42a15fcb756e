/**
 * AuditLogStore on Firestore: one document per entry in `backup_logs` (id = zero-padded seq, so the console lists
 * them in order), a head document `backup_logs/_head` { seq, hash, chain? } and the verified mark
 * `backup_logs/_verified`.
 *
 * Appends use group commit: they queue in this process, and one transaction reads the head, creates every queued
 * entry (chained in arrival order) and advances the head once; each caller resolves when its batch commits. While a
 * batch commits, new appends queue for the next one, so N concurrent audited requests cost about two transactions,
 * not N serialised ones. Processes still serialise through the head: two transactions that read the same head
 * conflict and one re-runs (re-chaining its whole batch) on the new head.
 *
 * Queries filtering on action/outcome/actor and ordering by seq need composite indexes on a real project
 * (the emulator does not ask for them).
 */
import { Filter, type CollectionReference, type Firestore, type Query, type QueryDocumentSnapshot } from '@google-cloud/firestore';

import { CONTROL_COLLECTION_NAMES } from '../../control-collections';
import {
  EMPTY_HEAD,
  auditHeadSchema,
  auditListLimit,
  parseAuditCheckpoint,
  parseAuditEntry,
  type AuditChainKey,
  type AuditEntry,
  type AuditHead,
  type AuditInput,
  type AuditListFilter,
  type AuditLogStore,
} from '../../ports/audit';
import { EngineError } from '../../errors';

import { chainBatch, type PendingAppend } from './audit-group-commit';
import { withFirestoreErrors } from './firestore-errors';

export interface FirestoreAuditLogStoreOptions {
  /** Collection name; default `backup_logs`. */
  collection?: string;
  /** The chain key (BACKUP_AUDIT_HMAC_KEY); without one entries are chained with plain SHA-256. */
  key?: AuditChainKey;
  /**
   * Transaction attempts per batch. Every process's batches touch the head document, so under a burst from several
   * processes they queue behind it; the SDK default of 5 is too few.
   */
  maxAttempts?: number;
  /** Entries per page in `readAll`. */
  pageSize?: number;
  /** Entries per transaction at most (Firestore allows 500 writes; entries can be a few KiB each). */
  maxBatch?: number;
}

export const HEAD_DOC_ID = '_head';
export const VERIFIED_DOC_ID = '_verified';
const SEQ_DIGITS = 12;

/**
 * Group commit: appends queue in this process; while one batch commits, the next ones wait and then go together
 * (at most `maxBatch` per transaction). Returns the append function; each caller resolves when its batch commits.
 */
function groupCommit(commit: (batch: PendingAppend[]) => Promise<void>, maxBatch: number): (input: AuditInput) => Promise<AuditEntry> {
  const queue: PendingAppend[] = [];
  let flushing = false;
  const flush = async (): Promise<void> => {
    flushing = true;
    try {
      while (queue.length > 0) await commit(queue.splice(0, maxBatch));
    } finally {
      flushing = false;
    }
  };
  return (input) =>
    new Promise<AuditEntry>((resolve, reject) => {
      queue.push({ input, resolve, reject });
      if (!flushing) void flush();
    });
}

/** The document id of entry `seq`: zero-padded so lexicographic order is seq order. */
export function auditDocId(seq: number): string {
  return String(seq).padStart(SEQ_DIGITS, '0');
}

export function createFirestoreAuditLogStore(db: Firestore, opts: FirestoreAuditLogStoreOptions = {}): AuditLogStore {
  const col = db.collection(opts.collection ?? CONTROL_COLLECTION_NAMES.auditLog);
  const headRef = col.doc(HEAD_DOC_ID);
  const markRef = col.doc(VERIFIED_DOC_ID);
  const maxAttempts = opts.maxAttempts ?? 50;
  const pageSize = opts.pageSize ?? 500;
  const maxBatch = opts.maxBatch ?? 100;
  const where = (id: string) => `${col.path}/${id}`;
  const run = withFirestoreErrors;

  const readHead = (data: unknown): AuditHead => {
    if (data === undefined) return EMPTY_HEAD;
    const r = auditHeadSchema.safeParse(data);
    if (!r.success) throw new EngineError('integrity', `audit head ${where(HEAD_DOC_ID)} is malformed`, { details: { issues: r.error.issues.slice(0, 3) } });
    return r.data;
  };
  const entries = (docs: QueryDocumentSnapshot[]): AuditEntry[] =>
    docs.filter((d) => !d.id.startsWith('_')).map((d) => parseAuditEntry(where(d.id), d.data()));

  /** One transaction for the whole batch; resolves/rejects every caller in it. */
  const commit = async (batch: PendingAppend[]): Promise<void> => {
    try {
      const outcomes = await run(`appending ${batch.length} audit entries`, () =>
        db.runTransaction(
          async (tx) => {
            const head = readHead((await tx.get(headRef)).data());
            const chained = chainBatch(batch.map((p) => p.input), head, opts.key);
            // `create` fails if a seq is taken (a head rolled back by hand): better a loud error than a fork.
            for (const entry of chained.entries) tx.create(col.doc(auditDocId(entry.seq)), entry);
            if (chained.entries.length > 0) tx.set(headRef, chained.head);
            return chained.outcomes;
          },
          { maxAttempts },
        ),
      );
      outcomes.forEach((o, i) => (o.ok ? batch[i]?.resolve(o.entry) : batch[i]?.reject(o.error)));
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  };

  const enqueue = groupCommit(commit, maxBatch);

  return {
    append: enqueue,
    head: () => run('reading the audit head', async () => readHead((await headRef.get()).data())),
    list: (filter: AuditListFilter = {}) =>
      run('listing audit entries', async () => {
        const limit = auditListLimit(filter);
        // Two extra rows: the head and the verified mark also carry `seq` and may come back from an unfiltered query.
        const snap = await listQuery(col, filter).limit(limit + 2).get();
        return entries(snap.docs).slice(0, limit);
      }),
    readAll: (o = {}) => readAllEntries(col, { pageSize, fromSeq: o.fromSeq }, entries, run),
    verifiedMark: () =>
      run('reading the audit verified mark', async () => {
        const data = (await markRef.get()).data();
        return data === undefined ? undefined : parseAuditCheckpoint(where(VERIFIED_DOC_ID), data);
      }),
    saveVerifiedMark: (mark) => run('saving the audit verified mark', async () => void (await markRef.set(mark))),
  };
}

function listQuery(col: CollectionReference, filter: AuditListFilter): Query {
  let q: Query = col;
  if (filter.action !== undefined) q = q.where('action', '==', filter.action);
  if (filter.outcome !== undefined) q = q.where('outcome', '==', filter.outcome);
  if (filter.actor !== undefined) {
    const a = filter.actor;
    q = q.where(Filter.or(Filter.where('actor.uid', '==', a), Filter.where('actor.email', '==', a), Filter.where('actor.system', '==', a)));
  }
  if (filter.before !== undefined) q = q.where('seq', '<', filter.before);
  return q.orderBy('seq', 'desc');
}

type Runner = <T>(what: string, fn: () => Promise<T>) => Promise<T>;

async function* readAllEntries(
  col: CollectionReference,
  o: { pageSize: number; fromSeq?: number },
  entries: (docs: QueryDocumentSnapshot[]) => AuditEntry[],
  run: Runner,
): AsyncIterable<AuditEntry> {
  let after: QueryDocumentSnapshot | undefined;
  for (;;) {
    const from = o.fromSeq === undefined ? col : col.where('seq', '>=', o.fromSeq);
    const base = from.orderBy('seq', 'asc').limit(o.pageSize);
    const page = await run('reading the audit trail', () => (after ? base.startAfter(after) : base).get());
    // One document at a time, so a malformed entry surfaces at its position in the chain.
    for (const doc of page.docs) yield* entries([doc]);
    if (page.docs.length < o.pageSize) return;
    after = page.docs[page.docs.length - 1];
  }
}
