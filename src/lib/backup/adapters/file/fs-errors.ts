/**
 * Node `fs` errors → EngineError. The one place the file store decides what a failure means and whether retrying can
 * help; every mapped error keeps the original as `cause`.
 */
import { EngineError, type EngineErrorCode } from '../../errors';

/** What the store was doing when `fs` failed, for the message and details. */
export interface FsErrorContext {
  /** The store's url. */
  url: string;
  op: string;
  key?: string;
}

const CODE_BY_ERRNO: Readonly<Record<string, EngineErrorCode>> = {
  ENOENT: 'not_found',
  ENOTDIR: 'not_found',
  EEXIST: 'already_exists',
  EACCES: 'permission_denied',
  EPERM: 'permission_denied',
  EROFS: 'permission_denied',
  ENOSPC: 'resource_exhausted',
  EDQUOT: 'resource_exhausted',
  EMFILE: 'resource_exhausted',
  ENFILE: 'resource_exhausted',
  // Transient: a busy device, an interrupted call, a network file system hiccup.
  EAGAIN: 'unavailable',
  EBUSY: 'unavailable',
  EINTR: 'unavailable',
  EIO: 'unavailable',
  ETIMEDOUT: 'unavailable',
  ESTALE: 'unavailable',
  // The key is valid but this file system cannot hold it (a segment over NAME_MAX bytes).
  ENAMETOOLONG: 'invalid_argument',
};

/** The errno code (`ENOENT`, …) of a Node system error, if it is one. */
export function errnoOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}

/**
 * Wraps an `fs` error. EngineErrors pass through unchanged (already decided); unknown errnos become `internal`
 * (not retryable: a bug or an unexpected file system state, which retrying will not fix).
 */
export function mapFsError(err: unknown, ctx: FsErrorContext): EngineError {
  if (err instanceof EngineError) return err;
  const errno = errnoOf(err);
  const code: EngineErrorCode = (errno === undefined ? undefined : CODE_BY_ERRNO[errno]) ?? 'internal';
  const what = ctx.key === undefined ? ctx.op : `${ctx.op} ${JSON.stringify(ctx.key)}`;
  const reason = err instanceof Error ? err.message : String(err);
  return new EngineError(code, `${ctx.url}: ${what} failed: ${reason}`, {
    cause: err,
    details: { op: ctx.op, ...(ctx.key === undefined ? {} : { key: ctx.key }), ...(errno === undefined ? {} : { errno }) },
  });
}
