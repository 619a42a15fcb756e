/**
 * Maps Firestore SDK (gRPC) errors to EngineError at the edge. Retryable: UNAVAILABLE, DEADLINE_EXCEEDED,
 * RESOURCE_EXHAUSTED, ABORTED; not retryable: NOT_FOUND, PERMISSION_DENIED, INVALID_ARGUMENT, FAILED_PRECONDITION.
 * (https://cloud.google.com/firestore/docs/understand-error-codes)
 */
import { EngineError, isEngineError, type EngineErrorCode } from '../../errors';

const BY_GRPC: Record<number, { code: EngineErrorCode; retryable: boolean }> = {
  1: { code: 'cancelled', retryable: false },
  3: { code: 'invalid_argument', retryable: false },
  4: { code: 'unavailable', retryable: true }, // DEADLINE_EXCEEDED
  5: { code: 'not_found', retryable: false },
  6: { code: 'already_exists', retryable: false },
  7: { code: 'permission_denied', retryable: false },
  8: { code: 'resource_exhausted', retryable: true },
  9: { code: 'failed_precondition', retryable: false },
  10: { code: 'conflict', retryable: true }, // ABORTED: transaction contention
  14: { code: 'unavailable', retryable: true },
  16: { code: 'unauthenticated', retryable: false },
};

/** Wraps any error thrown by the SDK into an EngineError whose message says what was being done. */
export function wrapFirestoreError(err: unknown, doing: string): EngineError {
  if (isEngineError(err)) return err;
  const grpc = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : undefined;
  const mapped = grpc === undefined ? undefined : BY_GRPC[grpc];
  const message = err instanceof Error ? err.message : String(err);
  const hint = mapped?.code === 'permission_denied' ? ' (the service account needs roles/datastore.user on the control database)' : '';
  return new EngineError(mapped?.code ?? 'internal', `${doing}: ${message}${hint}`, {
    retryable: mapped?.retryable ?? false,
    details: grpc === undefined ? undefined : { grpcCode: grpc },
    cause: err,
  });
}

/** Runs one store operation, wrapping whatever the SDK throws (see wrapFirestoreError). */
export async function withFirestoreErrors<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw wrapFirestoreError(err, what);
  }
}
