/**
 * The engine's one error type. Adapters wrap every SDK error at the edge into an EngineError and decide retryability
 * there; the API maps `code` to an HTTP status through one table (src/lib/api).
 */
export type EngineErrorCode =
  | 'invalid_argument' // the caller's input is wrong (HTTP 400/422)
  | 'unauthenticated' // no or bad credentials (401)
  | 'permission_denied' // credentials fine, not allowed (403)
  | 'not_found' // (404)
  | 'already_exists' // write-once key or id taken (409)
  | 'conflict' // a compare-and-set lost, a lease is held by someone else, an illegal state transition (409)
  | 'failed_precondition' // the system is not in a state that allows this (409/422)
  | 'rate_limited' // (429)
  | 'resource_exhausted' // quota (429/503), retryable
  | 'unavailable' // transient backend failure, retryable
  | 'integrity' // stored bytes do not match what was recorded (checksum, count, decryption)
  | 'cancelled'
  | 'internal';

export interface EngineErrorOptions {
  retryable?: boolean;
  details?: Record<string, unknown>;
  cause?: unknown;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<EngineErrorCode> = new Set(['unavailable', 'resource_exhausted']);

export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: EngineErrorCode,
    message: string,
    opts: EngineErrorOptions = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.retryable = opts.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    this.details = opts.details;
  }
}

/** Type guard usable across module copies (checks the shape, not the prototype). */
export function isEngineError(err: unknown, code?: EngineErrorCode): err is EngineError {
  return err instanceof Error && err.name === 'EngineError' && (code === undefined || (err as EngineError).code === code);
}

/** Exhaustiveness helper for `switch` over closed unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new EngineError('internal', `unexpected ${what}: ${JSON.stringify(value)}`);
}
