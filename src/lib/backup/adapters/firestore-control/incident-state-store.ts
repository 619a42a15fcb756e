/**
 * IncidentStateStore on Firestore: one document per incident key at `backup_config/alerting/incidents/<key>`.
 * Under `backup_config` so that backups exclude it with the other control collections (scope.ts), in a subcollection
 * of a document nobody else writes so it cannot collide with configuration documents. Keys are URI-encoded into
 * document ids: keys name conditions (`backup-failed:<scheduleId>`) and may contain characters ids may not (`/`).
 * State read back is parsed with the boundary schema.
 */
import type { Firestore } from '@google-cloud/firestore';

import { CONTROL_COLLECTION_NAMES } from '../../control-collections';
import { incidentStateSchema, type IncidentState, type IncidentStateStore } from '../../ports/incidents';
import { EngineError } from '../../errors';

import { wrapFirestoreError } from './firestore-errors';

export const INCIDENTS_PATH = `${CONTROL_COLLECTION_NAMES.config}/alerting/incidents`;

/** The document id of an incident key. */
export function incidentDocId(key: string): string {
  if (key.length === 0) throw new EngineError('invalid_argument', 'an incident key must not be empty');
  return encodeURIComponent(key).replace(/\./g, '%2E');
}

export function createFirestoreIncidentStateStore(db: Firestore, opts: { path?: string } = {}): IncidentStateStore {
  const col = db.collection(opts.path ?? INCIDENTS_PATH);
  return {
    async get(key) {
      const id = incidentDocId(key);
      let data: unknown;
      try {
        data = (await col.doc(id).get()).data();
      } catch (err) {
        throw wrapFirestoreError(err, `reading incident ${key}`);
      }
      if (data === undefined) return undefined;
      const r = incidentStateSchema.safeParse(data);
      if (!r.success) throw new EngineError('integrity', `incident ${col.path}/${id} is malformed: ${r.error.issues[0]?.message ?? 'invalid'}`);
      return r.data;
    },
    async set(key, state: IncidentState) {
      // The SDK refuses undefined fields unless the client ignores them; `resolvedAt` is absent while open.
      const doc = Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined));
      try {
        await col.doc(incidentDocId(key)).set(doc);
      } catch (err) {
        throw wrapFirestoreError(err, `saving incident ${key}`);
      }
    },
  };
}
