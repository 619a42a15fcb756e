/**
 * gRPC status → EngineError, decided once at the edge (https://cloud.google.com/firestore/docs/understand-error-codes).
 * Retryable: UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED (and INTERNAL, which Firestore documents as
 * transient). Not retryable: NOT_FOUND, PERMISSION_DENIED, INVALID_ARGUMENT, FAILED_PRECONDITION and the rest.
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

const MAPPING: Record<number, { code: EngineErrorCode; retryable: boolean }> = {
  [GrpcCode.CANCELLED]: { code: 'cancelled', retryable: false },
  [GrpcCode.INVALID_ARGUMENT]: { code: 'invalid_argument', retryable: false },
  [GrpcCode.DEADLINE_EXCEEDED]: { code: 'unavailable', retryable: true },
  [GrpcCode.NOT_FOUND]: { code: 'not_found', retryable: false },
  [GrpcCode.ALREADY_EXISTS]: { code: 'already_exists', retryable: false },
  [GrpcCode.PERMISSION_DENIED]: { code: 'permission_denied', retryable: false },
  [GrpcCode.RESOURCE_EXHAUSTED]: { code: 'resource_exhausted', retryable: true },
  [GrpcCode.FAILED_PRECONDITION]: { code: 'failed_precondition', retryable: false },
  [GrpcCode.ABORTED]: { code: 'conflict', retryable: true },
  [GrpcCode.OUT_OF_RANGE]: { code: 'invalid_argument', retryable: false },
  [GrpcCode.UNIMPLEMENTED]: { code: 'failed_precondition', retryable: false },
  [GrpcCode.INTERNAL]: { code: 'unavailable', retryable: true },
  [GrpcCode.UNAVAILABLE]: { code: 'unavailable', retryable: true },
  [GrpcCode.DATA_LOSS]: { code: 'integrity', retryable: false },
  [GrpcCode.UNAUTHENTICATED]: { code: 'unauthenticated', retryable: false },
};

/** True for the statuses worth retrying with backoff. */
export function isRetryableGrpcCode(code: number): boolean {
  return MAPPING[code]?.retryable ?? false;
}

/** The numeric gRPC status of an SDK error, if it has one. */
export function grpcCodeOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** Maps a gRPC status (from an error or a per-write status) to an EngineError whose message says what was being done. */
export function grpcStatusError(code: number, message: string, doing: string, cause?: unknown): EngineError {
  const mapped = MAPPING[code] ?? { code: 'internal' as const, retryable: false };
  const hint = mapped.code === 'permission_denied' ? ' (the service account needs roles/datastore.user or datastore.owner on this database)' : '';
  return new EngineError(mapped.code, `${doing}: ${message}${hint}`, { retryable: mapped.retryable, details: { grpcCode: code }, cause });
}

/** Wraps any error thrown by the GAPIC client into an EngineError. EngineErrors pass through unchanged. */
export function wrapGrpcError(err: unknown, doing: string): EngineError {
  if (isEngineError(err)) return err;
  const code = grpcCodeOf(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === undefined) return new EngineError('internal', `${doing}: ${message}`, { cause: err });
  return grpcStatusError(code, message, doing, err);
}
