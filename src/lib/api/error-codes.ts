/**
 * The one table from error code to HTTP status. Engine codes come from src/lib/backup/errors.ts; the API adds the
 * few codes only HTTP has (malformed JSON, unimplemented actions). `Record<…>` makes a new code a type error here.
 */
import type { EngineErrorCode } from '../backup';

export type ApiOnlyErrorCode = 'invalid_json' | 'not_implemented' | 'payload_too_large';
export type ApiErrorCode = EngineErrorCode | ApiOnlyErrorCode;

export const ERROR_STATUS: Readonly<Record<ApiErrorCode, number>> = {
  invalid_json: 400,
  invalid_argument: 422,
  unauthenticated: 401,
  permission_denied: 403,
  not_found: 404,
  already_exists: 409,
  conflict: 409,
  failed_precondition: 409,
  payload_too_large: 413,
  rate_limited: 429,
  resource_exhausted: 503,
  unavailable: 503,
  // Stored bytes disagree with what was recorded: a server-side fault the caller cannot fix by changing the request.
  integrity: 500,
  // The job or operation was cancelled while the request waited on it.
  cancelled: 409,
  internal: 500,
  not_implemented: 501,
};

/** Codes whose message is safe and useful to show; `internal` is replaced by a generic message and an error id. */
export function exposesMessage(code: ApiErrorCode): boolean {
  return code !== 'internal';
}

export function statusOf(code: ApiErrorCode): number {
  return ERROR_STATUS[code];
}
