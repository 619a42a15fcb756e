/**
 * AuditLogStore on Firestore: one document per entry in `backup_logs` (id = zero-padded seq, so the console lists
 * them in order) and a head document `backup_logs/_head` { seq, hash }. Each append is a transaction that reads the
 * head and creates the next entry, so concurrent appends from any number of processes serialise into one chain:
 * two transactions that read the same head conflict and one of them re-runs on the new head.
 *
 * Queries filtering on action/outcome/actor and ordering by seq need composite indexes on a real project
 * (the emulator does not ask for them).
 */
import { Filter, type CollectionReference, type Firestore, type Query, type QueryDocumentSnapshot } from '@google-cloud/firestore';

import { CONTROL_COLLECTION_NAMES } from '../../control-collections';
import { EMPTY_HEAD, auditHeadSchema, nextAuditEntry, parseAuditEntry, type AuditEntry, type AuditHead } from '../../engine/audit/audit-entry';
import { auditListLimit, type AuditListFilter, type AuditLogStore } from '../../engine/audit/audit-port';
import { EngineError } from '../../errors';

import { withFirestoreErrors } from './firestore-errors';

export interface FirestoreAuditLogStoreOptions {
  /** Collection name; default `backup_logs`. */
  collection?: string;
  /**
   * Transaction attempts per append. Appends all touch the head document, so under a burst they queue behind it;
   * the SDK default of 5 is too few for a handful of concurrent writers.
   */
  maxAttempts?: number;
  /** Entries per page in `readAll`. */
  pageSize?: number;
}

export const HEAD_DOC_ID = '_head';
const SEQ_DIGITS = 12;

/** The document id of entry `seq`: zero-padded so lexicographic order is seq order. */
export function auditDocId(seq: number): string {
  return String(seq).padStart(SEQ_DIGITS, '0');
}

export function createFirestoreAuditLogStore(db: Firestore, opts: FirestoreAuditLogStoreOptions = {}): AuditLogStore {
  const col = db.collection(opts.collection ?? CONTROL_COLLECTION_NAMES.auditLog);
  const headRef = col.doc(HEAD_DOC_ID);
  const maxAttempts = opts.maxAttempts ?? 50;
  const pageSize = opts.pageSize ?? 500;
  const where = (id: string) => `${col.path}/${id}`;

  const run = withFirestoreErrors;

  const readHead = (data: unknown): AuditHead => {
    if (data === undefined) return EMPTY_HEAD;
    const r = auditHeadSchema.safeParse(data);
    if (!r.success) throw new EngineError('integrity', `audit head ${where(HEAD_DOC_ID)} is malformed`, { details: { issues: r.error.issues.slice(0, 3) } });
    return r.data;
  };
  const entries = (docs: QueryDocumentSnapshot[]): AuditEntry[] =>
    docs.filter((d) => d.id !== HEAD_DOC_ID).map((d) => parseAuditEntry(where(d.id), d.data()));

  return {
    append: (input) =>
      run(`appending audit entry ${input.action}`, () =>
        db.runTransaction(
          async (tx) => {
            const head = readHead((await tx.get(headRef)).data());
            const entry = nextAuditEntry(input, head);
            // `create` fails if the seq is taken (a head rolled back by hand): better a loud error than a fork.
            tx.create(col.doc(auditDocId(entry.seq)), entry);
            tx.set(headRef, { seq: entry.seq, hash: entry.hash });
            return entry;
          },
          { maxAttempts },
        ),
      ),
    head: () => run('reading the audit head', async () => readHead((await headRef.get()).data())),
    list: (filter: AuditListFilter = {}) =>
      run('listing audit entries', async () => {
        const limit = auditListLimit(filter);
        // One extra row: the head document also carries `seq` and may come back from an unfiltered query.
        const snap = await listQuery(col, filter).limit(limit + 1).get();
        return entries(snap.docs).slice(0, limit);
      }),
    readAll: () => readAllEntries(col, pageSize, entries, run),
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

async function* readAllEntries(col: CollectionReference, pageSize: number, entries: (docs: QueryDocumentSnapshot[]) => AuditEntry[], run: Runner): AsyncIterable<AuditEntry> {
  let after: QueryDocumentSnapshot | undefined;
  for (;;) {
    const base = col.orderBy('seq', 'asc').limit(pageSize);
    const page = await run('reading the audit trail', () => (after ? base.startAfter(after) : base).get());
    // One document at a time, so a malformed entry surfaces at its position in the chain.
    for (const doc of page.docs) yield* entries([doc]);
    if (page.docs.length < pageSize) return;
    after = page.docs[page.docs.length - 1];
  }
}
