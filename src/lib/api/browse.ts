/**
 * Browsing a stored backup (either method) without restoring it: its collections from the manifest, one collection's
 * document names a page at a time, and one document's typed fields. Every read streams the backup in its stable
 * order (engine/restore/backup-reader.ts) and stops as soon as it has what it needs; a read near the end of a big
 * backup takes a while, which a person clicking through it accepts. Only verified backups are browsed: anything else
 * may be half-written or being deleted.
 */
import { type BackupDREngine, backupRoot, collectionGroupKey, type DocumentJson, EngineError, type Manifest, readBackupDocuments } from '../backup';
import type { BrowseDocumentsQuery } from '../contracts';
import type { BackupDocumentView, BrowsePage } from '../contracts/responses';

interface OpenedBackup {
  backupId: string;
  manifest: Manifest;
  documents(): AsyncGenerator<DocumentJson>;
}

/** The catalog entry, its manifest and a document stream; `failed_precondition` unless the backup is verified. */
async function openBackup(engine: BackupDREngine, backupId: string): Promise<OpenedBackup> {
  const item = await engine.getBackup(backupId);
  if (item.result === null || !item.result.verified) {
    throw new EngineError('failed_precondition', `backup ${backupId} is ${item.state}, not a verified backup: it cannot be browsed`, { details: { backupId } });
  }
  const { database } = item.result;
  const manifest = await engine.readManifest(item.backupId, database);
  const root = backupRoot(database, item.backupId);
  const { store, keyWrapper } = engine.deps;
  return { backupId: item.backupId, manifest, documents: () => readBackupDocuments({ store, root, manifest, keyWrapper }) };
}

/** The collection path a document lives in (`users/u1/events/e1` → `users/u1/events`). */
function parentCollection(name: string): string {
  return name.slice(0, name.lastIndexOf('/'));
}

/**
 * Whether `name` is a document of `collection`: a concrete path (`users/u1/events`) matches its own documents, a
 * collection-group key from the manifest (`users/*\/events`) matches that shape under every parent.
 */
export function inCollection(name: string, collection: string): boolean {
  if (parentCollection(name) === collection) return true;
  return collection.includes('*') && collectionGroupKey(name) === collection;
}

/** Collections (always) and, when `q.collection` is given, one page of its document names after `q.after`. */
export async function browseDocuments(engine: BackupDREngine, backupId: string, q: BrowseDocumentsQuery): Promise<BrowsePage> {
  const opened = await openBackup(engine, backupId);
  const collections = Object.entries(opened.manifest.collections).map(([collection, c]) => ({ collection, documents: c.documents }));
  const page: BrowsePage = { backupId: opened.backupId, method: opened.manifest.method, collections, collection: q.collection ?? null, documents: [], nextAfter: null };
  if (q.collection === undefined) return page;
  const collection = q.collection;
  let started = q.after === undefined;
  // One name past the page says whether a next page exists; breaking out of the loop closes the stream.
  for await (const doc of opened.documents()) {
    if (!started) {
      started = doc.name === q.after;
      continue;
    }
    if (!inCollection(doc.name, collection)) continue;
    if (page.documents.length === q.pageSize) {
      page.nextAfter = page.documents.at(-1) ?? null;
      break;
    }
    page.documents.push(doc.name);
  }
  if (!started) throw new EngineError('invalid_argument', `after: ${q.after ?? ''} is not a document of backup ${opened.backupId}`, { details: { issues: [{ path: 'query.after', message: 'not a document of this backup' }] } });
  return page;
}

/** One document's typed fields; `not_found` when the backup does not hold it. */
export async function readBackupDocument(engine: BackupDREngine, backupId: string, path: string): Promise<BackupDocumentView> {
  const opened = await openBackup(engine, backupId);
  for await (const doc of opened.documents()) {
    if (doc.name !== path) continue;
    return {
      backupId: opened.backupId,
      name: doc.name,
      ...(doc.createTime ? { createTime: doc.createTime } : {}),
      ...(doc.updateTime ? { updateTime: doc.updateTime } : {}),
      fields: doc.fields,
    };
  }
  throw new EngineError('not_found', `backup ${opened.backupId} has no document ${path}`, { details: { backupId: opened.backupId, path } });
}
