/**
 * initialize: what `npm run backup:init` does, from the API: prepare the bucket (a `file://` folder, or a `gs://`
 * bucket aligned to NEARLINE, uniform access, public access prevention and prefix-scoped lifecycle rules) and write
 * the default `backup_config` documents where none exist. Idempotent: a second call reports everything as set.
 * A dry run reads only and reports what would be created.
 */


import type { Runtime } from '../backup/composition';
import type { ConfigDocument } from '../backup/ports/config';
import { defaultConfigDocuments, seedDefaultConfig, type ConfigDefaults } from '../backup/engine/ops/init-config';
import type { SetupItem } from '../backup/ports/setup';
import type { ActionBody } from '../contracts/actions';

import type { ActionContext } from './action-context';
import type { Reply } from './define-route';


async function exists(rt: Runtime, doc: ConfigDocument): Promise<boolean> {
  const config = rt.ops.config;
  switch (doc.kind) {
    case 'retention':
      return (await config.getRetention()) !== undefined;
    case 'staging':
      return (await config.getStaging()) !== undefined;
    case 'alerts':
      return (await config.getAlerts()) !== undefined;
    case 'schedule':
      return (await config.listSchedules()).length > 0;
  }
}

/** What seedDefaultConfig would do, without writing. */
async function previewConfig(rt: Runtime, defaults: ConfigDefaults): Promise<SetupItem[]> {
  const items: SetupItem[] = [];
  for (const doc of defaultConfigDocuments(defaults, rt.engine.deps.clock.now())) {
    const name = doc.kind === 'schedule' ? `schedule ${doc.value.id}` : `${doc.kind} settings`;
    items.push((await exists(rt, doc)) ? { item: `backup_config: ${name}`, status: 'already set' } : { item: `backup_config: ${name}`, status: 'skipped', detail: 'dry run: would be created' });
  }
  return items;
}

/** initialize: bucket + default configuration; `ok` is false when a bucket setting could not be set. */
export async function initialize(body: ActionBody<'initialize'>, { rt }: ActionContext): Promise<Reply> {
  const runtime = rt.runtime;
  const defaults: ConfigDefaults = {
    retention: runtime.config.retention,
    rpoTargetHours: runtime.config.rpoTargetHours,
    stagingTarget: runtime.config.stagingTarget,
    webhookConfigured: runtime.config.alertWebhookUrl !== undefined,
  };
  const store = await runtime.prepareStore({ dryRun: body.dryRun });
  const config = body.dryRun ? await previewConfig(runtime, defaults) : await seedDefaultConfig(runtime.ops.config, defaults, runtime.engine.deps.clock.now());
  const items = [...store, ...config];
  return { body: { ok: items.every((i) => i.status !== 'could not set'), dryRun: body.dryRun, items } };
}
