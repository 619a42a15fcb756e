/**
 * The RPO target in force (issue 16: derived once, here, for the health report, the drill, the dashboard and the CLI).
 * Each schedule declares the recovery point objective it serves; the tightest enabled one wins, and without an enabled
 * schedule the configured default (BACKUP_RPO_TARGET_HOURS) applies.
 */
import type { ScheduleInput } from './health-report';

/** What a stored schedule contributes to the health inputs. */
export interface ScheduleRpo extends ScheduleInput {
  rpoTargetHours: number;
}

/** The tightest enabled schedule's RPO target in hours, else `configuredHours`. */
export function effectiveRpoTarget(schedules: readonly Pick<ScheduleRpo, 'enabled' | 'rpoTargetHours'>[], configuredHours: number): number {
  const enabled = schedules.filter((s) => s.enabled !== false);
  return enabled.length > 0 ? Math.min(...enabled.map((s) => s.rpoTargetHours)) : configuredHours;
}

/** The health inputs from the stored schedules: the RPO target in force and each schedule's timing. */
export function rpoInputs(schedules: readonly ScheduleRpo[], configuredHours: number): { rpoTargetHours: number; schedules: ScheduleInput[] } {
  return {
    rpoTargetHours: effectiveRpoTarget(schedules, configuredHours),
    schedules: schedules.map((s) => ({ id: s.id, cron: s.cron, timeZone: s.timeZone, enabled: s.enabled })),
  };
}
