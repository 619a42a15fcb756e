/**
 * `init`'s configuration half: writes the default `backup_config` documents (a daily logical backup at 02:00 UTC,
 * the retention policy from the environment, the staging target and alert settings) only where none exists — the
 * default schedule only when there is no schedule at all — so a second run, or a run after an admin edited the
 * configuration, changes nothing.
 */
import { formatRestoreTarget, type StagingTarget } from '../../restore-target';
import type { RetentionPolicy } from '../retention';

import type { ConfigDocument, ConfigStore } from '../../ports/config';
import type { SetupItem } from '../../ports/setup';

export interface ConfigDefaults {
  retention: RetentionPolicy;
  rpoTargetHours: number;
  stagingTarget?: StagingTarget;
  webhookConfigured: boolean;
}

/** The id of the schedule init creates. */
export const DEFAULT_SCHEDULE_ID = 'daily';

/** The documents init writes when absent. */
export function defaultConfigDocuments(d: ConfigDefaults, now: Date): ConfigDocument[] {
  const at = now.toISOString();
  const docs: ConfigDocument[] = [
    { kind: 'retention', value: { ...d.retention, timeZone: 'UTC', updatedAt: at } },
    {
      kind: 'schedule',
      value: {
        id: DEFAULT_SCHEDULE_ID,
        cron: '0 2 * * *',
        timeZone: 'UTC',
        method: 'logical',
        include: [],
        exclude: [],
        rpoTargetHours: d.rpoTargetHours,
        enabled: true,
        lastRunSlot: null,
        missed: { count: 0, last: [] },
        updatedAt: at,
      },
    },
    { kind: 'alerts', value: { webhookConfigured: d.webhookConfigured, onFailure: true, onVerificationFailure: true, onRpoBreach: true, updatedAt: at } },
  ];
  if (d.stagingTarget) docs.push({ kind: 'staging', value: { target: formatRestoreTarget(d.stagingTarget), updatedAt: at } });
  return docs;
}

/** Creates each default document unless present; reports each one. */
export async function seedDefaultConfig(config: ConfigStore, defaults: ConfigDefaults, now: Date): Promise<SetupItem[]> {
  const items: SetupItem[] = [];
  // An admin who replaced the default schedule with their own does not get it back.
  const schedules = await config.listSchedules();
  for (const doc of defaultConfigDocuments(defaults, now)) {
    const name = doc.kind === 'schedule' ? `schedule ${doc.value.id} (${doc.value.cron} ${doc.value.timeZone}, ${doc.value.method})` : `${doc.kind} settings`;
    if (doc.kind === 'schedule' && schedules.length > 0) {
      items.push({ item: 'backup_config: schedules', status: 'already set', detail: schedules.map((s) => s.id).join(', ') });
      continue;
    }
    const created = await config.createIfAbsent(doc);
    items.push({ item: `backup_config: ${name}`, status: created ? 'created' : 'already set' });
  }
  return items;
}
