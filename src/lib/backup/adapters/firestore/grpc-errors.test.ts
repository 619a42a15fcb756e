import { EngineError } from '../../errors';

import { GrpcCode, isRetryableGrpcCode, wrapGrpcError } from './grpc-errors';

const grpcError = (code: number) => Object.assign(new Error(`${code} boom`), { code });

describe('wrapGrpcError', () => {
  it.each([
    [GrpcCode.UNAVAILABLE, 'unavailable', true],
    [GrpcCode.DEADLINE_EXCEEDED, 'unavailable', true],
    [GrpcCode.RESOURCE_EXHAUSTED, 'resource_exhausted', true],
    [GrpcCode.ABORTED, 'conflict', true],
    [GrpcCode.NOT_FOUND, 'not_found', false],
    [GrpcCode.PERMISSION_DENIED, 'permission_denied', false],
    [GrpcCode.INVALID_ARGUMENT, 'invalid_argument', false],
    [GrpcCode.FAILED_PRECONDITION, 'failed_precondition', false],
    [GrpcCode.UNAUTHENTICATED, 'unauthenticated', false],
  ] as const)('gRPC %i → %s (retryable %s)', (code, engineCode, retryable) => {
    const err = wrapGrpcError(grpcError(code), 'reading x');
    expect(err).toMatchObject({ code: engineCode, retryable, details: { grpcCode: code } });
    expect(err.message).toMatch(/^reading x: /);
    expect(isRetryableGrpcCode(code)).toBe(retryable);
  });

  it('passes EngineErrors through and makes unknown errors internal and final', () => {
    const own = new EngineError('integrity', 'x');
    expect(wrapGrpcError(own, 'y')).toBe(own);
    expect(wrapGrpcError(new Error('weird'), 'doing')).toMatchObject({ code: 'internal', retryable: false, message: 'doing: weird' });
  });

  it('adds an IAM hint to permission errors', () => {
    expect(wrapGrpcError(grpcError(GrpcCode.PERMISSION_DENIED), 'writing').message).toMatch(/roles\/datastore\.user/);
  });
});
