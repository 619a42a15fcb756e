/**
 * The production-readiness checklist a drill ends with: pure, so every ✓/✗ and its hint is testable with a fixed
 * clock. "Recent verified backup" looks at routine backups only (not drill or safety backups): the question is
 * whether the schedule produces restorable backups, not whether this drill just made one.
 */
import type { DatabaseRef } from '../../ports';
import { assertRetentionPolicy, type RetentionPolicy } from '../retention/retention-policy';
import { nextRuns } from '../schedule/cron-slots';
import { parseCron } from '../schedule/parse-cron';
import type { ScheduleInput } from '../health/health-report';

import type { CheckItem } from './drill-report';

export interface ReadinessInput {
  now: Date;
  rpoTargetHours: number;
  /** Null when the drill stopped before probing the bucket. */
  bucketReachable: boolean | null;
  bucketUrl: string;
  encryptionConfigured: boolean;
  /** The newest verified routine backup (trigger not `drill` or `safety:*`). */
  newestRoutineBackup: { backupId: string; snapshotTime: string } | null;
  /** Steps restore and compare both passed. */
  restoreRehearsed: boolean;
  source: DatabaseRef;
  staging: DatabaseRef | null;
  alertWebhookConfigured: boolean;
  retention: RetentionPolicy | null;
  /** Backups the retention policy would remove now (from applyRetention), when known. */
  dueForPruning: number | null;
  schedules: readonly ScheduleInput[];
}

const HOUR_MS = 3_600_000;

/** One item per check, in a fixed order. */
export function readinessChecklist(input: ReadinessInput): CheckItem[] {
  return [
    bucketCheck(input),
    input.encryptionConfigured
      ? { id: 'encryption', label: 'encryption at rest configured', ok: true, hint: 'logical backups are AES-256-GCM encrypted with a wrapped data key' }
      : { id: 'encryption', label: 'encryption at rest configured', ok: false, hint: 'set BACKUP_ENCRYPTION_KEY (openssl rand -base64 32) and keep the key away from the bucket' },
    recentBackupCheck(input),
    input.restoreRehearsed
      ? { id: 'restore-rehearsed', label: 'restore rehearsed', ok: true, hint: 'this drill restored into staging and the result matched the backup' }
      : { id: 'restore-rehearsed', label: 'restore rehearsed', ok: false, hint: 'the drill did not complete a verified restore into staging: fix the failed step and run npm run backup:test again' },
    stagingCheck(input),
    input.alertWebhookConfigured
      ? { id: 'alert-webhook', label: 'alert webhook configured', ok: true, hint: 'failures, RPO breaches and failed drills are sent to the webhook' }
      : { id: 'alert-webhook', label: 'alert webhook configured', ok: false, hint: 'set BACKUP_ALERT_WEBHOOK_URL (a Slack incoming webhook or any JSON receiver) so failures reach someone' },
    retentionCheck(input),
    scheduleCheck(input),
  ];
}

function bucketCheck(input: ReadinessInput): CheckItem {
  const label = 'backup bucket reachable';
  if (input.bucketReachable === true) return { id: 'bucket-reachable', label, ok: true, hint: `${input.bucketUrl}: a probe object was written, read back and deleted` };
  if (input.bucketReachable === false) return { id: 'bucket-reachable', label, ok: false, hint: `${input.bucketUrl} refused the probe: check BACKUP_BUCKET_URL and the service account's storage roles` };
  return { id: 'bucket-reachable', label, ok: false, hint: 'not checked: the drill stopped before probing the bucket' };
}

function recentBackupCheck(input: ReadinessInput): CheckItem {
  const label = `routine backup verified within the RPO target (${input.rpoTargetHours} h)`;
  const b = input.newestRoutineBackup;
  if (b === null) return { id: 'recent-verified-backup', label, ok: false, hint: 'no verified backup other than drills: create one (npm run backup -- create) and schedule them' };
  const ageHours = (input.now.getTime() - Date.parse(b.snapshotTime)) / HOUR_MS;
  const age = `${ageHours.toFixed(1)} h`;
  return ageHours <= input.rpoTargetHours
    ? { id: 'recent-verified-backup', label, ok: true, hint: `backup ${b.backupId} is ${age} old` }
    : { id: 'recent-verified-backup', label, ok: false, hint: `the newest verified backup ${b.backupId} is ${age} old: check the schedule and the failed runs` };
}

function stagingCheck(input: ReadinessInput): CheckItem {
  const label = 'staging isolated from production';
  const s = input.staging;
  if (s === null) return { id: 'staging-isolated', label, ok: false, hint: 'no staging target: set BACKUP_STAGING_TARGET=project:<staging-project>' };
  if (s.projectId !== input.source.projectId) return { id: 'staging-isolated', label, ok: true, hint: `staging is a separate project (${s.projectId}/${s.databaseId})` };
  return { id: 'staging-isolated', label, ok: false, hint: `staging is database ${s.databaseId} inside the production project: a separate project keeps IAM, quotas and mistakes apart` };
}

function retentionCheck(input: ReadinessInput): CheckItem {
  const label = 'retention policy configured';
  if (input.retention === null) return { id: 'retention', label, ok: false, hint: 'no retention policy: backups would pile up forever' };
  try {
    assertRetentionPolicy(input.retention);
  } catch (err) {
    return { id: 'retention', label, ok: false, hint: (err as Error).message };
  }
  const r = input.retention;
  const due = input.dueForPruning === null ? '' : `; ${input.dueForPruning} backup(s) due for pruning`;
  return { id: 'retention', label, ok: true, hint: `keep last ${r.keepLast}, ${r.daily} daily, ${r.weekly} weekly, ${r.monthly} monthly, max ${r.maxAgeDays} days${due}` };
}

function scheduleCheck(input: ReadinessInput): CheckItem {
  const label = 'backup schedules present';
  const valid = input.schedules.filter((s) => s.enabled !== false).flatMap((s) => {
    try {
      const next = nextRuns(parseCron(s.cron), input.now, 1, s.timeZone ?? 'UTC')[0];
      return next ? [{ id: s.id, next }] : [];
    } catch {
      return [];
    }
  });
  if (valid.length === 0) return { id: 'schedules', label, ok: false, hint: 'no enabled schedule with a valid cron expression: add one so backups happen without anyone remembering' };
  const first = valid.reduce((a, b) => (b.next < a.next ? b : a));
  return { id: 'schedules', label, ok: true, hint: `${valid.length} enabled; next run ${first.next.toISOString()} (${first.id})` };
}
