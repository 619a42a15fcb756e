/** DocumentDatabases over the lossless Firestore adapter: one cached connection per (project, database). */
import type { DatabaseRef, DocumentDatabases } from '../ports';

import { createFirestoreDocumentStore, type FirestoreDocumentStore } from './firestore/document-store';

export function createFirestoreDatabases(opts: { emulatorHost?: string }): DocumentDatabases {
  const open = new Map<string, FirestoreDocumentStore>();
  return {
    open(db: DatabaseRef) {
      const key = `${db.projectId}/${db.databaseId}`;
      let store = open.get(key);
      if (store === undefined) {
        store = createFirestoreDocumentStore({ projectId: db.projectId, databaseId: db.databaseId, emulatorHost: opts.emulatorHost });
        open.set(key, store);
      }
      return store;
    },
    async close() {
      await Promise.all([...open.values()].map((s) => s.close()));
      open.clear();
    },
  };
}
