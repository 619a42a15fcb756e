/** The Admin API cannot be emulated here, so a fake client records the documented request shapes. */
import { GRPC_STATUS_RULES, GrpcCode } from '../firestore/grpc-errors';

import { createGcpExportService, roundDownToMinute, wrapAdminError, type AdminClientLike } from './gcp-export-service';

function fakeAdmin(overrides: Partial<AdminClientLike> = {}) {
  const calls: unknown[] = [];
  const client: AdminClientLike = {
    exportDocuments: async (req) => {
      calls.push(req);
      return [{ name: 'projects/p/databases/(default)/operations/op-1' }];
    },
    checkExportDocumentsProgress: async (name) => {
      calls.push(name);
      return { done: false, metadata: { progressDocuments: { completedWork: '120' }, progressBytes: { completedWork: 4096 } } };
    },
    cancelOperation: async (req) => calls.push(req),
    ...overrides,
  };
  return { client, calls };
}

describe('GCP managed export service', () => {
  it('builds the documented exportDocuments request and keeps the operation name', async () => {
    const { client, calls } = fakeAdmin();
    const svc = createGcpExportService({ bucketUrl: 'gs://my-backups/firestore/', client });
    const { operationName } = await svc.start({
      projectId: 'my-app', databaseId: 'orders-db', backupId: 'b1', storePrefix: 'my-app/orders-db/b1/',
      collectionIds: ['users', 'orders'], snapshotTime: new Date('2026-11-23T10:15:42.123Z'),
    });
    expect(operationName).toBe('projects/p/databases/(default)/operations/op-1');
    expect(calls[0]).toEqual({
      name: 'projects/my-app/databases/orders-db',
      outputUriPrefix: 'gs://my-backups/firestore/my-app/orders-db/b1',
      collectionIds: ['users', 'orders'],
      snapshotTime: { seconds: Date.parse('2026-11-23T10:15:00Z') / 1000, nanos: 0 },
    });
  });

  it('polls progress by operation name and reports completion and failures', async () => {
    const { client, calls } = fakeAdmin();
    const svc = createGcpExportService({ bucketUrl: 'gs://b', client });
    expect(await svc.check('op-1')).toEqual({ done: false, progress: { documents: 120, bytes: 4096 } });
    expect(calls).toEqual(['op-1']);
    const failing = createGcpExportService({ bucketUrl: 'gs://b', client: fakeAdmin({ checkExportDocumentsProgress: async () => ({ done: true, error: { code: 7, message: 'caller lacks permission' } }) }).client });
    const status = await failing.check('op-2');
    expect(status.done).toBe(true);
    expect(status.error).toEqual({ code: 'permission_denied', message: expect.stringMatching(/roles\/datastore\.importExportAdmin/) });
  });

  it('maps start errors to clear engine errors and cancels by name', async () => {
    const denied = createGcpExportService({ bucketUrl: 'gs://b', client: fakeAdmin({ exportDocuments: async () => { throw Object.assign(new Error('denied'), { code: 7 }); } }).client });
    await expect(denied.start({ projectId: 'p', databaseId: '(default)', backupId: 'b', storePrefix: 'x/' })).rejects.toMatchObject({ code: 'permission_denied', message: expect.stringMatching(/roles\/storage\.objectAdmin/) });
    const quota = createGcpExportService({ bucketUrl: 'gs://b', client: fakeAdmin({ exportDocuments: async () => { throw Object.assign(new Error('quota'), { code: 8 }); } }).client });
    await expect(quota.start({ projectId: 'p', databaseId: '(default)', backupId: 'b', storePrefix: 'x/' })).rejects.toMatchObject({ code: 'resource_exhausted', retryable: true });
    const { client, calls } = fakeAdmin();
    await createGcpExportService({ bucketUrl: 'gs://b', client }).cancel('op-9');
    expect(calls).toEqual([{ name: 'op-9' }]);
  });

  it('builds the documented importDocuments request and polls it by name', async () => {
    const calls: unknown[] = [];
    const { client } = fakeAdmin({
      importDocuments: async (req) => {
        calls.push(req);
        return [{ name: 'projects/p/databases/(default)/operations/imp-1' }];
      },
      checkImportDocumentsProgress: async (name) => {
        calls.push(name);
        return { done: true, metadata: { progressDocuments: { completedWork: 42 } } };
      },
    });
    const svc = createGcpExportService({ bucketUrl: 'gs://my-backups/fs', client });
    const { operationName } = await svc.startImport!({ projectId: 'my-app', databaseId: '(default)', storePrefix: 'my-app/(default)/b1/', collectionIds: ['users'] });
    expect(await svc.checkImport!(operationName)).toEqual({ done: true, progress: { documents: 42, bytes: undefined } });
    expect(calls).toEqual([
      { name: 'projects/my-app/databases/(default)', inputUriPrefix: 'gs://my-backups/fs/my-app/(default)/b1', collectionIds: ['users'] },
      'projects/p/databases/(default)/operations/imp-1',
    ]);
  });

  it('refuses a non-gs bucket and rounds snapshot times down to the minute', () => {
    expect(() => createGcpExportService({ bucketUrl: 'file:///tmp/x' })).toThrow(/gs:\/\/ bucket/);
    expect(roundDownToMinute(new Date('2026-01-01T00:00:59.999Z'))).toEqual({ seconds: Date.parse('2026-01-01T00:00:00Z') / 1000, nanos: 0 });
  });

  it('decides code and retryability by the one gRPC status table (INTERNAL is retried, as everywhere else)', () => {
    const internal = wrapAdminError(Object.assign(new Error('backend hiccup'), { code: GrpcCode.INTERNAL }), 'exporting x');
    expect(internal).toMatchObject({ code: 'unavailable', retryable: true, details: { grpcCode: 13 } });
    expect(internal.cause).toBeInstanceOf(Error);
    for (const [name, rule] of Object.entries(GRPC_STATUS_RULES)) {
      const wrapped = wrapAdminError({ code: GrpcCode[name as keyof typeof GrpcCode], message: name }, 'exporting x');
      expect([name, wrapped.code, wrapped.retryable]).toEqual([name, rule.code, rule.retryable]);
    }
    expect(wrapAdminError(new Error('no status'), 'exporting x')).toMatchObject({ code: 'internal', retryable: false, message: 'exporting x: no status' });
    expect(wrapAdminError({ code: 5, message: 'gone' }, 'exporting x').message).toBe('exporting x: database or bucket not found (gone)');
  });
});
