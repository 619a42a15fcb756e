/**
 * The one gRPC status → EngineError table, used by the data-plane adapter (firestore/) and the control stores
 * (firestore-control/), decided once at the edge (https://cloud.google.com/firestore/docs/understand-error-codes).
 * Retryable: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED and INTERNAL. Not retryable: NOT_FOUND,
 * PERMISSION_DENIED, INVALID_ARGUMENT, FAILED_PRECONDITION and the rest.
 *
 * INTERNAL is retried because Google's error-code guide says to retry it with exponential backoff, and the Firestore
 * client itself does: its generated retry settings (`firestore_client_config.json` in @google-cloud/firestore) retry
 * INTERNAL for GetDocument, BatchGetDocuments, RunQuery, PartitionQuery, ListDocuments and BeginTransaction, and its
 * transaction runner retries it as well. Only its BatchWrite settings leave it out (BulkWriter retries it for deletes).
 * Our BatchWrites are safe to repeat: each is a full-document set, a merge, or a create guarded by `exists: false`,
 * so a write the server applied before failing ends the same (the guarded one counts as skipped).
 */
import { EngineError, isEngineError, type EngineErrorCode } from '../../errors';

/** gRPC status codes used here (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/** The EngineError code and retry decision for one gRPC status. */
export interface GrpcStatusRule {
  code: EngineErrorCode;
  retryable: boolean;
}

/** Every status but OK, each once: a Record over the names, so a missing or repeated status is a type error. */
export const GRPC_STATUS_RULES: Readonly<Record<Exclude<keyof typeof GrpcCode, 'OK'>, GrpcStatusRule>> = {
  CANCELLED: { code: 'cancelled', retryable: false },
  UNKNOWN: { code: 'internal', retryable: false },
  INVALID_ARGUMENT: { code: 'invalid_argument', retryable: false },
  DEADLINE_EXCEEDED: { code: 'unavailable', retryable: true },
  NOT_FOUND: { code: 'not_found', retryable: false },
  ALREADY_EXISTS: { code: 'already_exists', retryable: false },
  PERMISSION_DENIED: { code: 'permission_denied', retryable: false },
  RESOURCE_EXHAUSTED: { code: 'resource_exhausted', retryable: true },
  FAILED_PRECONDITION: { code: 'failed_precondition', retryable: false },
  ABORTED: { code: 'conflict', retryable: true }, // transaction contention
  OUT_OF_RANGE: { code: 'invalid_argument', retryable: false },
  UNIMPLEMENTED: { code: 'failed_precondition', retryable: false },
  INTERNAL: { code: 'unavailable', retryable: true }, // see the module comment
  UNAVAILABLE: { code: 'unavailable', retryable: true },
  DATA_LOSS: { code: 'integrity', retryable: false },
  UNAUTHENTICATED: { code: 'unauthenticated', retryable: false },
};

const BY_NUMBER: ReadonlyMap<number, GrpcStatusRule> = new Map(
  Object.entries(GRPC_STATUS_RULES).map(([name, rule]) => [GrpcCode[name as keyof typeof GrpcCode], rule]),
);

/** A status outside the table (or none at all) is a final internal error. */
const UNMAPPED: GrpcStatusRule = { code: 'internal', retryable: false };

const DATA_PLANE_HINT = 'the service account needs roles/datastore.user or datastore.owner on this database';

/** True for the statuses worth retrying with backoff. */
export function isRetryableGrpcCode(code: number): boolean {
  return BY_NUMBER.get(code)?.retryable ?? false;
}

/** The numeric gRPC status of an SDK error, if it has one. */
export function grpcCodeOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Maps a gRPC status (from an error or a per-write status) to an EngineError whose message says what was being done.
 * `permissionHint` names the IAM role that PERMISSION_DENIED most likely lacks.
 */
export function grpcStatusError(
  code: number,
  message: string,
  doing: string,
  options: { cause?: unknown; permissionHint?: string } = {},
): EngineError {
  const rule = BY_NUMBER.get(code) ?? UNMAPPED;
  const hint = rule.code === 'permission_denied' ? ` (${options.permissionHint ?? DATA_PLANE_HINT})` : '';
  return new EngineError(rule.code, `${doing}: ${message}${hint}`, { retryable: rule.retryable, details: { grpcCode: code }, cause: options.cause });
}

/** Wraps any error thrown by a Firestore client into an EngineError. EngineErrors pass through unchanged. */
export function wrapGrpcError(err: unknown, doing: string, permissionHint?: string): EngineError {
  if (isEngineError(err)) return err;
  const code = grpcCodeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === undefined) return new EngineError('internal', `${doing}: ${message}`, { cause: err });
  return grpcStatusError(code, message, doing, { cause: err, permissionHint });
}
