/** Page cursors of the list routes. */
import { ApiError } from './errors';

/** Cursors are the base64url of the last item's createdAt: opaque to callers, checked when they come back. */
export function encodeCursor(createdAt: string): string {
  return Buffer.from(createdAt, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new ApiError('invalid_argument', 'the cursor is not one this API returned', { details: { issues: [{ path: 'query.cursor', message: 'unknown cursor' }] } });
  }
  return text;
}
