/**
 * `init` for a `gs://` store: creates the bucket if missing, or brings an existing one to the settings backups need,
 * and reports each setting — created, updated, already set, or could not be set and why (a 403 names the role) —
 * instead of failing silently. Idempotent: a second run reports everything "already set".
 *
 * Settings (https://cloud.google.com/storage/docs/best-practices):
 * - default storage class NEARLINE: backups are written once and read rarely;
 * - uniform bucket-level access and public access prevention `enforced`: no object ACL can ever make a backup public;
 * - lifecycle, scoped to the store's prefix: delete objects older than the retention's max age, but never before
 *   NEARLINE's 30-day minimum storage duration (deleting earlier is billed as if kept 30 days), as a backstop behind
 *   `prune`, which deletes precisely; abort incomplete multipart uploads after 7 days. Object holds (legal holds)
 *   block lifecycle deletion too.
 * - optionally a bucket retention policy: objects younger than it cannot be deleted by anyone, prune included.
 */
import type { BucketMetadata, CreateBucketRequest, LifecycleRule, Storage } from '@google-cloud/storage';

import type { SetupItem } from '../../ports/setup';
import { gcsErrorCode } from './gcs-errors';
import type { GcsLocation } from './gcs-url';

/** The bucket calls setup makes: a narrow seam so tests run it against a fake. */
export interface BucketApi {
  exists(): Promise<boolean>;
  create(metadata: CreateBucketRequest): Promise<void>;
  getMetadata(): Promise<BucketMetadata>;
  setMetadata(patch: BucketMetadata): Promise<void>;
}

/** The SDK behind `BucketApi`. */
export function storageBucketApi(storage: Storage, bucket: string): BucketApi {
  const b = storage.bucket(bucket);
  return {
    exists: async () => (await b.exists())[0],
    create: async (metadata) => {
      await storage.createBucket(bucket, metadata);
    },
    getMetadata: async () => (await b.getMetadata())[0],
    setMetadata: async (patch) => {
      await b.setMetadata(patch);
    },
  };
}

export interface BucketSetupOptions {
  /** The retention policy's max age in days; 0 = none (no delete rule). */
  maxAgeDays: number;
  /** Where to create a missing bucket; default the SDK's (US multi-region). */
  location?: string;
  /** A bucket retention policy in days; unset leaves any existing policy alone. */
  bucketRetentionDays?: number;
}

export const NEARLINE_MIN_DAYS = 30;
export const ABORT_MULTIPART_AFTER_DAYS = 7;

/** The lifecycle rules setup wants for `prefix` (empty = the whole bucket). */
export function desiredLifecycleRules(prefix: string, maxAgeDays: number): LifecycleRule[] {
  const scope = prefix === '' ? {} : { matchesPrefix: [`${prefix}/`] };
  const rules: LifecycleRule[] = [{ action: { type: 'AbortIncompleteMultipartUpload' }, condition: { age: ABORT_MULTIPART_AFTER_DAYS, ...scope } }];
  if (maxAgeDays > 0) rules.unshift({ action: { type: 'Delete' }, condition: { age: Math.max(maxAgeDays, NEARLINE_MIN_DAYS), ...scope } });
  return rules;
}

/** Creates or checks the bucket; one report item per setting. */
export async function setupGcsBucket(api: BucketApi, loc: GcsLocation, opts: BucketSetupOptions): Promise<SetupItem[]> {
  const name = `bucket gs://${loc.bucket}`;
  const lifecycle = desiredLifecycleRules(loc.prefix, opts.maxAgeDays);
  const exists = await api.exists().catch((err: unknown) => failure(err, 'storage.buckets.get'));
  if (typeof exists === 'string') return [{ item: name, status: 'could not set', detail: `could not check whether it exists: ${exists}` }];
  if (!exists) {
    const metadata: CreateBucketRequest = {
      storageClass: 'NEARLINE',
      iamConfiguration: { uniformBucketLevelAccess: { enabled: true }, publicAccessPrevention: 'enforced' },
      lifecycle: { rule: lifecycle },
      ...(opts.location ? { location: opts.location } : {}),
      ...(opts.bucketRetentionDays ? { retentionPolicy: { retentionPeriod: opts.bucketRetentionDays * 86_400 } } : {}),
    };
    const created = await api.create(metadata).then(() => undefined, (err: unknown) => failure(err, 'storage.buckets.create'));
    if (created !== undefined) return [{ item: name, status: 'could not set', detail: `could not create it: ${created}` }];
    return [{ item: name, status: 'created', detail: `NEARLINE, uniform access, public access prevention enforced, ${describeRules(lifecycle)}` }];
  }
  const current = await api.getMetadata().catch((err: unknown) => failure(err, 'storage.buckets.get'));
  if (typeof current === 'string') return [{ item: name, status: 'already set', detail: 'exists' }, { item: `${name} settings`, status: 'could not set', detail: `could not read them: ${current}` }];
  const items: SetupItem[] = [{ item: name, status: 'already set', detail: 'exists' }];
  const apply = async (item: string, ok: boolean, patch: BucketMetadata, detail?: string): Promise<void> => {
    if (ok) return void items.push({ item, status: 'already set', ...(detail ? { detail } : {}) });
    const err = await api.setMetadata(patch).then(() => undefined, (e: unknown) => failure(e, 'storage.buckets.update'));
    items.push(err === undefined ? { item, status: 'updated', ...(detail ? { detail } : {}) } : { item, status: 'could not set', detail: err });
  };
  await apply('default storage class NEARLINE', current.storageClass === 'NEARLINE', { storageClass: 'NEARLINE' });
  await apply('uniform bucket-level access', current.iamConfiguration?.uniformBucketLevelAccess?.enabled === true, { iamConfiguration: { uniformBucketLevelAccess: { enabled: true } } });
  await apply('public access prevention enforced', current.iamConfiguration?.publicAccessPrevention === 'enforced', { iamConfiguration: { publicAccessPrevention: 'enforced' } });
  const rules = mergeRules(current.lifecycle?.rule ?? [], lifecycle, loc.prefix);
  await apply('lifecycle rules', rules === undefined, { lifecycle: { rule: rules ?? [] } }, describeRules(lifecycle));
  if (opts.bucketRetentionDays) {
    const seconds = opts.bucketRetentionDays * 86_400;
    await apply(`bucket retention policy ${opts.bucketRetentionDays} days`, Number(current.retentionPolicy?.retentionPeriod) === seconds, { retentionPolicy: { retentionPeriod: seconds } });
  }
  return items;
}

/**
 * The bucket's rules with ours in place, or undefined when they already are. Our rules are the Delete and
 * AbortIncompleteMultipartUpload rules scoped to our prefix; rules of other prefixes or other kinds are kept.
 */
function mergeRules(existing: LifecycleRule[], wanted: LifecycleRule[], prefix: string): LifecycleRule[] | undefined {
  const key = (r: LifecycleRule) => JSON.stringify([r.action.type, r.condition.age ?? null, [...(r.condition.matchesPrefix ?? [])].sort()]);
  const present = new Set(existing.map(key));
  const ours = (r: LifecycleRule) =>
    (r.action.type === 'Delete' || r.action.type === 'AbortIncompleteMultipartUpload') &&
    JSON.stringify(r.condition.matchesPrefix ?? []) === JSON.stringify(prefix === '' ? [] : [`${prefix}/`]) &&
    Object.keys(r.condition).every((k) => k === 'age' || k === 'matchesPrefix');
  const stale = existing.filter((r) => ours(r) && !wanted.some((w) => key(w) === key(r)));
  if (wanted.every((w) => present.has(key(w))) && stale.length === 0) return undefined;
  return [...existing.filter((r) => !ours(r)), ...wanted];
}

function describeRules(rules: LifecycleRule[]): string {
  return rules.map((r) => `${r.action.type} after ${r.condition.age ?? '?'} days${r.condition.matchesPrefix ? ` under ${r.condition.matchesPrefix.join(', ')}` : ''}`).join('; ');
}

/** A readable reason; a 403 names the role that grants `permission`. */
function failure(err: unknown, permission: string): string {
  const code = gcsErrorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 403) return `permission denied (${permission}): needs roles/storage.admin — ${message}`;
  if (code === 409) return `the bucket name is taken (by another project?) — ${message}`;
  return message;
}
