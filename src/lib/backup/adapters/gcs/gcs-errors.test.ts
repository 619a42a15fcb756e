import { EngineError } from '../../errors';
import { gcsErrorCode, mapGcsError, requiredRole } from './gcs-errors';

/** An error shaped like the SDK's ApiError (`code` is the HTTP status) or a Node network error (`code` is a string). */
function sdkError(code: number | string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code });
}

describe('mapGcsError', () => {
  const ctx = { url: 'gs://b/p', op: 'put', key: 'k' } as const;

  it.each([
    [400, 'put', 'invalid_argument', false],
    [401, 'put', 'unauthenticated', false],
    [403, 'put', 'permission_denied', false],
    [404, 'read', 'not_found', false],
    ['404', 'read', 'not_found', false],
    [409, 'put', 'conflict', false],
    [412, 'put', 'already_exists', false],
    [412, 'delete', 'failed_precondition', false],
    [408, 'get', 'unavailable', true],
    [429, 'put', 'unavailable', true],
    [500, 'list', 'unavailable', true],
    [503, 'list', 'unavailable', true],
    ['ECONNRESET', 'read', 'unavailable', true],
    ['ETIMEDOUT', 'put', 'unavailable', true],
    ['CONTENT_DOWNLOAD_MISMATCH', 'read', 'integrity', false],
    ['FILE_NO_UPLOAD', 'put', 'integrity', false],
    ['SOMETHING_ELSE', 'put', 'internal', false],
  ] as const)('%s during %s → %s (retryable %s)', (code, op, expected, retryable) => {
    const cause = sdkError(code);
    const err = mapGcsError(cause, { ...ctx, op });
    expect(err).toMatchObject({ code: expected, retryable, cause, details: { op, key: 'k', gcsCode: typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : code } });
    expect(err.message).toMatch(new RegExp(`^gs://b/p: ${op} "k" failed: boom`));
  });

  it('names the IAM role a permission error calls for', () => {
    expect(mapGcsError(sdkError(403, 'x@y.iam.gserviceaccount.com does not have storage.objects.create access'), ctx).message).toContain(
      'needs roles/storage.objectAdmin',
    );
    expect(mapGcsError(sdkError(403), { ...ctx, op: 'list' }).message).toContain('needs roles/storage.objectViewer');
    expect(requiredRole('setHold')).toBe('roles/storage.objectAdmin');
  });

  it('reads a 403 about a hold or retention policy as failed_precondition, not a missing grant', () => {
    const held = sdkError(403, "Object 'p/k' is under active Temporary hold and cannot be deleted, overwritten or archived until hold is removed.");
    expect(mapGcsError(held, { ...ctx, op: 'delete' }).code).toBe('failed_precondition');
    expect(mapGcsError(sdkError(403, 'Object is subject to bucket retention policy'), ctx).code).toBe('failed_precondition');
  });

  it('passes EngineErrors through and treats errors without a code as internal', () => {
    const engine = new EngineError('cancelled', 'stop');
    expect(mapGcsError(engine, ctx)).toBe(engine);
    expect(mapGcsError('weird', { url: 'gs://b', op: 'list' })).toMatchObject({ code: 'internal', message: 'gs://b: list failed: weird', details: { op: 'list' } });
    expect(gcsErrorCode({ code: { nested: true } })).toBeUndefined();
  });
});
