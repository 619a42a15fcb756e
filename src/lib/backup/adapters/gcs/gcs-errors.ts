/**
 * Cloud Storage SDK errors → EngineError: the one place the GCS store decides what a failure means, whether retrying
 * can help, and which IAM role a permission error calls for. Pure, so it is unit-tested without a bucket.
 */
import { EngineError, type EngineErrorCode } from '../../errors';

/** The store operation that failed. */
export type GcsOperation = 'put' | 'get' | 'read' | 'stat' | 'list' | 'delete' | 'setHold';

/** What the store was doing, for the message and details. */
export interface GcsErrorContext {
  /** The store's url (`gs://bucket/prefix`). */
  url: string;
  op: GcsOperation;
  key?: string;
}

// Network failures below the HTTP layer: the request may not have reached Google, so retrying is safe.
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EPIPE', 'ENETUNREACH']);
// Raised by the SDK when the CRC32C/MD5 it computed disagrees with the server's.
const CHECKSUM_MISMATCH = new Set(['CONTENT_DOWNLOAD_MISMATCH', 'FILE_NO_UPLOAD', 'FILE_NO_UPLOAD_DELETE']);

/**
 * The least role that allows `op` (https://cloud.google.com/storage/docs/access-control/iam-roles). Writes need
 * objectAdmin rather than objectCreator because the store also reads back (write-once check) and deletes (retention).
 */
export function requiredRole(op: GcsOperation): string {
  switch (op) {
    case 'get':
    case 'read':
    case 'stat':
    case 'list':
      return 'roles/storage.objectViewer';
    case 'put':
    case 'delete':
    case 'setHold':
      return 'roles/storage.objectAdmin';
  }
}

/** The HTTP status (`code: 404`) or string code (`code: 'ECONNRESET'`) of an SDK error. */
export function gcsErrorCode(err: unknown): number | string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = err.code;
  if (typeof code === 'number') return code;
  if (typeof code === 'string') return /^\d{3}$/.test(code) ? Number(code) : code;
  return undefined;
}

/** Wraps an SDK error; EngineErrors pass through unchanged. */
export function mapGcsError(err: unknown, ctx: GcsErrorContext): EngineError {
  if (err instanceof EngineError) return err;
  const code = gcsErrorCode(err);
  const reason = err instanceof Error ? err.message : String(err);
  const { engineCode, hint } = classify(code, reason, ctx.op);
  const what = ctx.key === undefined ? ctx.op : `${ctx.op} ${JSON.stringify(ctx.key)}`;
  return new EngineError(engineCode, `${ctx.url}: ${what} failed: ${reason}${hint === undefined ? '' : ` (${hint})`}`, {
    cause: err,
    details: { op: ctx.op, ...(ctx.key === undefined ? {} : { key: ctx.key }), ...(code === undefined ? {} : { gcsCode: code }) },
  });
}

function classify(code: number | string | undefined, reason: string, op: GcsOperation): { engineCode: EngineErrorCode; hint?: string } {
  if (typeof code === 'string') {
    if (TRANSIENT_NETWORK.has(code)) return { engineCode: 'unavailable' };
    if (CHECKSUM_MISMATCH.has(code)) return { engineCode: 'integrity', hint: 'checksum mismatch between client and Cloud Storage' };
    return { engineCode: 'internal' };
  }
  switch (code) {
    case 400:
      return { engineCode: 'invalid_argument' };
    case 401:
      return { engineCode: 'unauthenticated', hint: 'check the service account credentials' };
    case 403:
      // Holds and retention policies also answer 403; they are a state of the object, not a missing grant.
      if (/hold|retention/i.test(reason)) return { engineCode: 'failed_precondition', hint: 'the object is under a hold or retention policy' };
      return { engineCode: 'permission_denied', hint: `the caller needs ${requiredRole(op)} on the bucket` };
    case 404:
      return { engineCode: 'not_found' };
    case 409:
      return { engineCode: 'conflict' };
    case 412:
      return op === 'put' ? { engineCode: 'already_exists', hint: 'objects are write-once' } : { engineCode: 'failed_precondition' };
    case 408:
    case 429:
      return { engineCode: 'unavailable' };
    default:
      if (code !== undefined && code >= 500) return { engineCode: 'unavailable' };
      return { engineCode: 'internal' };
  }
}
