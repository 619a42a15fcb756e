/**
 * Firestore resource names. Documents are named `projects/{p}/databases/{d}/documents/{path}`; the logical format
 * stores `{path}` only (relative to the database root), references keep the full name.
 */
import { EngineError } from '../../errors';

/** Which database an adapter talks to. */
export interface DatabaseId {
  projectId: string;
  databaseId: string;
}

/** `projects/p/databases/d`. */
export function databaseName(db: DatabaseId): string {
  return `projects/${db.projectId}/databases/${db.databaseId}`;
}

/** `projects/p/databases/d/documents`: the parent of root collections and of kindless queries. */
export function documentsRoot(db: DatabaseId): string {
  return `${databaseName(db)}/documents`;
}

/**
 * Full name of the document at `path`. Refuses paths that are not a document path (odd segment count, empty, `.` or
 * `..` segments) with `invalid_argument`, so a bad backup line cannot address the wrong document.
 */
export function documentName(db: DatabaseId, path: string): string {
  const segments = path.split('/');
  if (segments.length % 2 !== 0 || segments.some((s) => s === '' || s === '.' || s === '..')) {
    throw new EngineError('invalid_argument', `not a document path: ${JSON.stringify(path)}`);
  }
  return `${documentsRoot(db)}/${path}`;
}

/** `projects/p/databases/d/documents/a/b` → `a/b`; throws `internal` if the name is from another database. */
export function relativePath(db: DatabaseId, name: string): string {
  const prefix = `${documentsRoot(db)}/`;
  if (!name.startsWith(prefix)) throw new EngineError('internal', `document ${name} is not in ${databaseName(db)}`);
  return name.slice(prefix.length);
}
