/**
 * Firestore SDK (gRPC) errors of the control stores → EngineError, through the one status table in
 * ../firestore/grpc-errors.ts, so the control plane and the data plane agree on every code and on what to retry.
 */
import type { EngineError } from '../../errors';
import { wrapGrpcError } from '../firestore/grpc-errors';

const CONTROL_PLANE_HINT = 'the service account needs roles/datastore.user on the control database';

/** Wraps any error thrown by the SDK into an EngineError whose message says what was being done. */
export function wrapFirestoreError(err: unknown, doing: string): EngineError {
  return wrapGrpcError(err, doing, CONTROL_PLANE_HINT);
}

/** Runs one store operation, wrapping whatever the SDK throws (see wrapFirestoreError). */
export async function withFirestoreErrors<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw wrapFirestoreError(err, what);
  }
}
