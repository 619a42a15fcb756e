import type { BucketMetadata, LifecycleRule } from '@google-cloud/storage';

import { setupGcsBucket, type BucketApi } from './gcs-bucket-setup';

/** A bucket held in memory: merges patches like the JSON API's PATCH; `deny` answers 403 to the named calls. */
function fakeBucket(initial?: BucketMetadata, deny: (keyof BucketApi)[] = []) {
  const state = { metadata: initial ? structuredClone(initial) : undefined, calls: [] as string[] };
  const forbidden = (op: keyof BucketApi) => {
    if (deny.includes(op)) throw Object.assign(new Error('caller does not have storage.buckets permission'), { code: 403 });
  };
  const api: BucketApi = {
    exists: async () => (forbidden('exists'), state.metadata !== undefined),
    create: async (m) => {
      forbidden('create');
      state.calls.push('create');
      state.metadata = structuredClone(m);
    },
    getMetadata: async () => (forbidden('getMetadata'), structuredClone(state.metadata ?? {})),
    setMetadata: async (patch) => {
      forbidden('setMetadata');
      state.calls.push(`set ${Object.keys(patch).join(',')}`);
      const cur = state.metadata ?? {};
      state.metadata = { ...cur, ...patch, iamConfiguration: { ...cur.iamConfiguration, ...patch.iamConfiguration } };
    },
  };
  return { api, state };
}

const loc = { bucket: 'acme-backups', prefix: 'prod' };

describe('setupGcsBucket', () => {
  it('creates a missing bucket NEARLINE, private, with lifecycle rules scoped to the prefix; a second run sets nothing', async () => {
    const { api, state } = fakeBucket();
    const first = await setupGcsBucket(api, loc, { maxAgeDays: 400, location: 'EU' });
    expect(first).toEqual([{ item: 'bucket gs://acme-backups', status: 'created', detail: expect.stringContaining('Delete after 400 days under prod/') }]);
    expect(state.metadata).toMatchObject({
      storageClass: 'NEARLINE',
      location: 'EU',
      iamConfiguration: { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: 'enforced' },
      lifecycle: {
        rule: [
          { action: { type: 'Delete' }, condition: { age: 400, matchesPrefix: ['prod/'] } },
          { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7, matchesPrefix: ['prod/'] } },
        ],
      },
    });
    const second = await setupGcsBucket(api, loc, { maxAgeDays: 400 });
    expect(second.every((i) => i.status === 'already set')).toBe(true);
    expect(state.calls).toEqual(['create']);
  });

  it('never deletes before NEARLINE\'s 30-day minimum, and no max age means no delete rule', async () => {
    const short = fakeBucket();
    await setupGcsBucket(short.api, { bucket: 'b-short', prefix: '' }, { maxAgeDays: 10 });
    expect(short.state.metadata?.lifecycle?.rule?.[0]).toEqual({ action: { type: 'Delete' }, condition: { age: 30 } });
    const none = fakeBucket();
    await setupGcsBucket(none.api, loc, { maxAgeDays: 0 });
    expect(none.state.metadata?.lifecycle?.rule?.map((r) => r.action.type)).toEqual(['AbortIncompleteMultipartUpload']);
  });

  it('brings an existing bucket to the settings, keeps other rules, replaces its own stale rule', async () => {
    const other: LifecycleRule = { action: { type: 'Delete' }, condition: { age: 3, matchesPrefix: ['tmp/'] } };
    const { api, state } = fakeBucket({
      storageClass: 'STANDARD',
      iamConfiguration: { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: 'inherited' },
      lifecycle: { rule: [other, { action: { type: 'Delete' }, condition: { age: 90, matchesPrefix: ['prod/'] } }] },
    });
    const items = await setupGcsBucket(api, loc, { maxAgeDays: 400, bucketRetentionDays: 7 });
    expect(items.map((i) => [i.item, i.status])).toEqual([
      ['bucket gs://acme-backups', 'already set'],
      ['default storage class NEARLINE', 'updated'],
      ['uniform bucket-level access', 'already set'],
      ['public access prevention enforced', 'updated'],
      ['lifecycle rules', 'updated'],
      ['bucket retention policy 7 days', 'updated'],
    ]);
    expect(state.metadata?.lifecycle?.rule).toEqual([
      other,
      { action: { type: 'Delete' }, condition: { age: 400, matchesPrefix: ['prod/'] } },
      { action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: 7, matchesPrefix: ['prod/'] } },
    ]);
    expect(state.metadata?.retentionPolicy).toEqual({ retentionPeriod: 7 * 86_400 });
    expect((await setupGcsBucket(api, loc, { maxAgeDays: 400, bucketRetentionDays: 7 })).every((i) => i.status === 'already set')).toBe(true);
  });

  it('reports what it could not set, naming the role, instead of failing', async () => {
    const missing = fakeBucket(undefined, ['create']);
    expect(await setupGcsBucket(missing.api, loc, { maxAgeDays: 400 })).toEqual([
      { item: 'bucket gs://acme-backups', status: 'could not set', detail: expect.stringMatching(/could not create it: permission denied \(storage\.buckets\.create\): needs roles\/storage\.admin/) },
    ]);
    const locked = fakeBucket({ storageClass: 'STANDARD' }, ['setMetadata']);
    const items = await setupGcsBucket(locked.api, loc, { maxAgeDays: 400 });
    expect(items.filter((i) => i.status === 'could not set').map((i) => i.item)).toEqual([
      'default storage class NEARLINE', 'uniform bucket-level access', 'public access prevention enforced', 'lifecycle rules',
    ]);
    expect(items[1]?.detail).toMatch(/needs roles\/storage\.admin/);
  });
});
