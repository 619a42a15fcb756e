/**
 * The documents of `backup_config`: the retention policy, the backup schedules, the staging target and the alert
 * settings. They are read back from Firestore, where anyone with console access can edit them by hand, so every read
 * is parsed here and a bad document is an `integrity` error naming the document and the field.
 */
import { z } from 'zod';

import { EngineError } from '../../errors';
import { stagingTargetText } from '../../restore-target';
import { BACKUP_METHODS } from '../backup/backup-types';
import { parseCron } from '../schedule/parse-cron';
import { scheduleIdSchema } from '../schedule/schedule-id';
import { assertTimeZone } from '../schedule/zoned-time';

/** Document ids of the singleton documents; schedules are `schedule-<id>`. */
export const CONFIG_DOC_IDS = { retention: 'retention', staging: 'staging', alerts: 'alerts' } as const;
export const SCHEDULE_DOC_PREFIX = 'schedule-';

/** How many missed slots a schedule remembers (the count keeps growing). */
export const MISSED_SLOTS_KEPT = 20;

const timeZone = z.string().refine((tz) => {
  try {
    assertTimeZone(tz);
    return true;
  } catch {
    return false;
  }
}, { error: 'an IANA time zone such as UTC or Europe/Berlin' });

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'an ISO date' });
const count = (max: number) => z.number().int({ error: 'a whole number' }).min(0, { error: 'a whole number >= 0' }).max(max);

export const retentionConfigSchema = z.object({
  keepLast: count(10_000),
  daily: count(3650),
  weekly: count(520),
  monthly: count(120),
  /** 0 = no maximum age. */
  maxAgeDays: count(36_500),
  timeZone: timeZone.default('UTC'),
  updatedAt: isoDate.nullable().default(null),
});
export type RetentionConfig = z.output<typeof retentionConfigSchema>;

export { scheduleIdSchema };

export const scheduleConfigSchema = z.object({
  id: scheduleIdSchema,
  cron: z.string().refine((c) => {
    try {
      parseCron(c);
      return true;
    } catch {
      return false;
    }
  }, { error: 'a five-field cron expression such as 0 2 * * *' }),
  timeZone: timeZone.default('UTC'),
  method: z.enum(BACKUP_METHODS),
  include: z.array(z.string().min(1)).default([]),
  exclude: z.array(z.string().min(1)).default([]),
  rpoTargetHours: z.number().int().min(1).max(24 * 31),
  enabled: z.boolean().default(true),
  /** The newest slot handled (run, or recorded as missed); null until the first tick after creation. */
  lastRunSlot: isoDate.nullable().default(null),
  missed: z.object({ count: z.number().int().nonnegative(), last: z.array(isoDate) }).default({ count: 0, last: [] }),
  updatedAt: isoDate.nullable().default(null),
});
export type ScheduleConfig = z.output<typeof scheduleConfigSchema>;
export type ScheduleInput = z.input<typeof scheduleConfigSchema>;

export const stagingConfigSchema = z.object({
  /** What `--target staging` means: `project:<id>[/<db>]` or `database:<id>`. */
  target: stagingTargetText,
  updatedAt: isoDate.nullable().default(null),
});
export type StagingConfig = z.output<typeof stagingConfigSchema>;

export const alertsConfigSchema = z.object({
  /** Whether a webhook is configured (the URL itself is a secret and stays in the environment). */
  webhookConfigured: z.boolean().default(false),
  onFailure: z.boolean().default(true),
  onVerificationFailure: z.boolean().default(true),
  onRpoBreach: z.boolean().default(true),
  updatedAt: isoDate.nullable().default(null),
});
export type AlertsConfig = z.output<typeof alertsConfigSchema>;

/** Parses one stored document; `where` names it (e.g. `backup_config/schedule-nightly`) in the integrity error. */
export function parseConfigDoc<S extends z.ZodType>(schema: S, where: string, data: unknown): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new EngineError('integrity', `config document ${where} is invalid: ${field}: ${issue?.message ?? 'invalid'}`, {
    details: { document: where, field, issues: r.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) },
  });
}

/** Parses caller input (API, CLI) for a document: `invalid_argument` naming the field, nothing written. */
export function parseConfigInput<S extends z.ZodType>(schema: S, what: string, data: unknown): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new EngineError('invalid_argument', `${what}: ${field}: ${issue?.message ?? 'invalid'}`, { details: { field } });
}

/** The document id of a schedule. */
export function scheduleDocId(id: string): string {
  return `${SCHEDULE_DOC_PREFIX}${id}`;
}
