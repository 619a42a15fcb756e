import { EngineError } from '../../errors';
import { wrapFirestoreError } from '../firestore-control/firestore-errors';

import { GRPC_STATUS_RULES, GrpcCode, isRetryableGrpcCode, wrapGrpcError } from './grpc-errors';

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
    [GrpcCode.INTERNAL, 'unavailable', true],
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

describe('one gRPC status table', () => {
  const statuses = Object.entries(GrpcCode).filter(([name]) => name !== 'OK');

  it('maps every status but OK exactly once, and names and numbers correspond one to one', () => {
    expect(Object.values(GrpcCode).sort((a, b) => a - b)).toEqual(Array.from({ length: 17 }, (_, i) => i));
    expect(Object.keys(GRPC_STATUS_RULES).sort()).toEqual(statuses.map(([name]) => name).sort());
  });

  it.each(statuses)('the data plane and the control stores wrap %s alike', (_name, code) => {
    const data = wrapGrpcError(grpcError(code), 'doing');
    const control = wrapFirestoreError(grpcError(code), 'doing');
    expect({ code: control.code, retryable: control.retryable, details: control.details }).toEqual({
      code: data.code,
      retryable: data.retryable,
      details: { grpcCode: code },
    });
    expect(isRetryableGrpcCode(code)).toBe(data.retryable);
  });

  it('retries INTERNAL (Firestore documents it as transient) and not UNKNOWN', () => {
    expect(wrapFirestoreError(grpcError(GrpcCode.INTERNAL), 'saving job')).toMatchObject({ code: 'unavailable', retryable: true });
    expect(wrapFirestoreError(grpcError(GrpcCode.UNKNOWN), 'saving job')).toMatchObject({ code: 'internal', retryable: false });
  });

  it('names the role each plane needs when permission is denied', () => {
    expect(wrapFirestoreError(grpcError(GrpcCode.PERMISSION_DENIED), 'saving job').message).toMatch(/roles\/datastore\.user on the control database/);
    expect(wrapGrpcError(grpcError(GrpcCode.PERMISSION_DENIED), 'writing').message).toMatch(/on this database/);
  });
});
