/**
 * API errors and the one place that turns anything thrown into a response: `{ error: { code, message, details? } }`
 * with the status from error-codes.ts. Unknown errors become a 500 with a random error id that is logged on the server
 * with the real cause; the caller never sees a raw message or a stack.
 */
import { randomBytes } from 'node:crypto';

import { isEngineError } from '../backup';
import type { ApiErrorBody } from '../contracts/responses';

import { exposesMessage, statusOf, type ApiErrorCode } from './error-codes';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly opts: { details?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
  }

  get status(): number {
    return statusOf(this.code);
  }
}

/** What a thrown value means for the caller. */
export interface ErrorReply {
  status: number;
  code: ApiErrorCode;
  body: ApiErrorBody;
  headers: Record<string, string>;
}

export type ServerLog = (line: string, err?: unknown) => void;

const defaultLog: ServerLog = (line, err) => console.error(line, err);

/** Maps an ApiError or EngineError through the table; anything else (or `internal`) becomes a 500 with an error id. */
export function errorReply(err: unknown, log: ServerLog = defaultLog): ErrorReply {
  if (err instanceof ApiError || isEngineError(err)) {
    const code: ApiErrorCode = err.code;
    if (exposesMessage(code)) {
      const details = err instanceof ApiError ? err.opts.details : err.details;
      const headers = err instanceof ApiError ? (err.opts.headers ?? {}) : {};
      const body: ApiErrorBody = { error: { code, message: err.message, ...(details ? { details } : {}) } };
      return { status: statusOf(code), code, body, headers };
    }
  }
  const errorId = randomBytes(8).toString('hex');
  log(`api: internal error ${errorId}`, err);
  return {
    status: 500,
    code: 'internal',
    body: { error: { code: 'internal', message: `Internal error; quote error id ${errorId} to the operator.`, details: { errorId } } },
    headers: {},
  };
}

/** A JSON response with no-store caching (answers carry account-specific data). */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

/** The error response for anything thrown. */
export function errorResponse(err: unknown, extraHeaders: Record<string, string> = {}, log?: ServerLog): Response {
  const reply = errorReply(err, log);
  return json(reply.body, reply.status, { ...reply.headers, ...extraHeaders });
}
