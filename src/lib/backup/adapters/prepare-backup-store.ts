/**
 * `init`'s bucket step, for the CLI and the API alike: a `file://` folder is created; a `gs://` bucket is created or
 * aligned (NEARLINE, uniform access, public access prevention, lifecycle rules from retention). Reports each item.
 */
import { mkdir, stat } from 'node:fs/promises';

import { Storage } from '@google-cloud/storage';

import type { EngineConfig } from '../config';
import type { SetupItem } from '../ports/setup';

import { parseFileStoreUrl } from './file/file-url';
import { setupGcsBucket, storageBucketApi } from './gcs/gcs-bucket-setup';
import { parseGcsUrl } from './gcs/gcs-url';

export async function prepareBackupStore(config: EngineConfig, opts: { dryRun?: boolean } = {}): Promise<SetupItem[]> {
  const url = config.bucketUrl;
  if (url.startsWith('gs://')) {
    if (opts.dryRun) return [{ item: `bucket ${url}`, status: 'skipped', detail: 'dry run: bucket settings are checked and aligned only by a real run' }];
    const loc = parseGcsUrl(url);
    return setupGcsBucket(storageBucketApi(new Storage({ projectId: config.projectId }), loc.bucket), loc, { maxAgeDays: config.retention.maxAgeDays });
  }
  const dir = parseFileStoreUrl(url);
  const existed = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (existed) return [{ item: `backup folder ${dir}`, status: 'already set' }];
  if (opts.dryRun) return [{ item: `backup folder ${dir}`, status: 'skipped', detail: 'dry run: would be created' }];
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return [{ item: `backup folder ${dir}`, status: 'created' }];
}
