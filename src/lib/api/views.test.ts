import { replyFor } from './views';

// Callers below admin do not learn where a file:// bucket sits on the server (issue 15, finding 8c).
describe('replyFor', () => {
  const urls = ['file:///srv/acme data/bucket/', 'file:///srv/acme%20data/bucket'];
  const body = {
    location: 'file:///srv/acme%20data/bucket/demo-p/(default)/b1/',
    hint: 'file:///srv/acme%20data/bucket: a probe object was written',
    error: { message: "file:///srv/acme%20data/bucket: put \"x\" failed: ENOSPC: no space left on device, open '/srv/acme data/bucket/demo-p/x'" },
    nested: [{ other: '/srv/acme data/bucket-2/x', kept: 'gs://prod-backups/x', n: 3, none: null }],
  };

  it('cuts the server path of the bucket to its folder name for viewers and operators, and anonymous errors', () => {
    for (const role of ['viewer', 'operator', null, undefined] as const) {
      expect(replyFor(role, body, urls)).toEqual({
        location: 'file://…/bucket/demo-p/(default)/b1/',
        hint: 'file://…/bucket: a probe object was written',
        error: { message: "file://…/bucket: put \"x\" failed: ENOSPC: no space left on device, open '…/bucket/demo-p/x'" },
        nested: [{ other: '/srv/acme data/bucket-2/x', kept: 'gs://prod-backups/x', n: 3, none: null }],
      });
    }
  });

  it('shows admins the whole reply, and leaves gs:// buckets alone', () => {
    expect(replyFor('admin', body, urls)).toBe(body);
    expect(replyFor('viewer', body, ['gs://prod-backups'])).toBe(body);
  });

  it('keeps a folder name with replacement patterns literal', () => {
    expect(replyFor('viewer', { p: 'file:///d/$&x/k' }, ['file:///d/$&x'])).toEqual({ p: 'file://…/$&x/k' });
  });
});
