/**
 * The engine's `DocumentSource` port (ports.ts) over {@link createFirestoreDocumentStore}: one store per database,
 * opened on first use and kept for the process. Declared structurally here so this adapter does not depend on the
 * port's file; composition.ts assigns it to the port type, which checks the match.
 */
import type { DocumentJson } from '../../format/firestore-value-json';

import { createFirestoreDocumentStore, type FirestoreDocumentStore } from './document-store';
import type { DatabaseId } from './resource-names';

export interface FirestoreDocumentSourceOptions {
  /** `host:port` of the Firestore emulator (config.emulators.firestoreHost); absent → GCP. */
  emulatorHost?: string;
  /**
   * Parallel key-range streams per read. Default: 1 on the emulator, 4 on GCP. The emulator serves queries from one
   * process on this machine's cores: measured with testing/bench-read.ts on 20k documents (2 cores, warm), one
   * kindless stream read ~26–29k docs/s and 2/4/8 ranges ~15–19k docs/s (planning costs ~0.4 s of COUNT queries and
   * the streams compete for the same CPU). On GCP each range is served by separate backends, which is what
   * PartitionQuery exists for.
   */
  partitions?: number;
  /** Keeps only documents whose path passes, for every read (e.g. the engine's scope). */
  filter?: (path: string) => boolean;
}

export interface FirestoreDocumentSource {
  streamDocuments(opts: DatabaseId & { readTime: Date; rootCollections?: string[]; signal?: AbortSignal; filter?: (path: string) => boolean }): AsyncIterable<DocumentJson>;
  countDocuments(opts: DatabaseId & { rootCollections?: string[] }): Promise<number | undefined>;
  /** The store of one database, for writes (restores) and listings. */
  store(db: DatabaseId): FirestoreDocumentStore;
  close(): Promise<void>;
}

/** A DocumentSource for any database of the configured environment (emulator or GCP). */
export function createFirestoreDocumentSource(opts: FirestoreDocumentSourceOptions = {}): FirestoreDocumentSource {
  const stores = new Map<string, FirestoreDocumentStore>();
  const store = (db: DatabaseId): FirestoreDocumentStore => {
    const key = `${db.projectId}/${db.databaseId}`;
    let s = stores.get(key);
    if (s === undefined) {
      s = createFirestoreDocumentStore({ projectId: db.projectId, databaseId: db.databaseId, emulatorHost: opts.emulatorHost });
      stores.set(key, s);
    }
    return s;
  };
  const both = (a?: (p: string) => boolean, b?: (p: string) => boolean) => (a && b ? (p: string) => a(p) && b(p) : (a ?? b));
  return {
    streamDocuments: (o) =>
      store(o).streamDocuments({
        readTime: o.readTime,
        rootCollections: o.rootCollections,
        signal: o.signal,
        filter: both(opts.filter, o.filter),
        partitions: opts.partitions ?? (opts.emulatorHost ? 1 : 4),
      }),
    countDocuments: (o) => store(o).countDocuments({ rootCollections: o.rootCollections }),
    store,
    close: async () => {
      const all = [...stores.values()];
      stores.clear();
      await Promise.all(all.map((s) => s.close()));
    },
  };
}
