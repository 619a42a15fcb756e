/**
 * ConfigStore on Firestore: one document per setting in `backup_config` (`retention`, `staging`, `alerts`,
 * `schedule-<id>`). `mutate` is a transaction, so two scheduler ticks updating a schedule's `lastRunSlot` at once
 * serialise: the loser re-runs on the winner's value.
 */
import type { Firestore } from '@google-cloud/firestore';

import { CONTROL_COLLECTION_NAMES } from '../../control-collections';
import { EngineError } from '../../errors';
import { typedConfigStore, type ConfigDocuments, type ConfigStore } from '../../ports/config';

import { withFirestoreErrors } from './firestore-errors';

export interface FirestoreConfigStoreOptions {
  /** Collection name; default `backup_config`. */
  collection?: string;
}

const ALREADY_EXISTS = 6;

export function createFirestoreConfigStore(db: Firestore, opts: FirestoreConfigStoreOptions = {}): ConfigStore {
  const col = db.collection(opts.collection ?? CONTROL_COLLECTION_NAMES.config);
  const where = (id: string) => `${col.path}/${id}`;

  const run = withFirestoreErrors;

  const docs: ConfigDocuments = {
    where,
    get: (id) =>
      run(`reading ${where(id)}`, async () => {
        const snap = await col.doc(id).get();
        return snap.exists ? (snap.data() as Record<string, unknown>) : undefined;
      }),
    list: () =>
      run(`listing ${col.path}`, async () => {
        const snap = await col.get();
        return snap.docs.map((d) => ({ id: d.id, data: d.data() })).sort((a, b) => a.id.localeCompare(b.id));
      }),
    createIfAbsent: (id, data) =>
      run(`creating ${where(id)}`, async () => {
        try {
          await col.doc(id).create(data);
          return true;
        } catch (err) {
          if ((err as { code?: unknown }).code === ALREADY_EXISTS) return false;
          throw err;
        }
      }),
    set: (id, data) =>
      run(`writing ${where(id)}`, async () => {
        await col.doc(id).set(data);
      }),
    mutate: (id, fn) =>
      run(`updating ${where(id)}`, () =>
        db.runTransaction(async (tx) => {
          const snap = await tx.get(col.doc(id));
          if (!snap.exists) throw new EngineError('not_found', `config document ${where(id)} not found`, { details: { document: where(id) } });
          const current = snap.data() as Record<string, unknown>;
          const next = fn(current);
          if (next !== undefined) tx.set(col.doc(id), next);
          return next ?? current;
        }),
      ),
    delete: (id) =>
      run(`deleting ${where(id)}`, async () => {
        await col.doc(id).delete();
      }),
  };
  return typedConfigStore(docs);
}
