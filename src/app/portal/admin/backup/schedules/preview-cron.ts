'use server';

import { describeCron, nextRuns, parseCron } from '@/lib/backup';
import type { CronPreview } from '@/components/backup/schedules/cron-preview';

/**
 * Server action behind the schedule editor's live preview: components may not import the engine, so the pure
 * schedule helpers run here. Reads nothing and writes nothing; a bad expression or zone comes back as `error`.
 */
export async function previewCron(cron: string, timeZone: string): Promise<CronPreview> {
  try {
    const schedule = parseCron(cron.slice(0, 120));
    const zone = timeZone.slice(0, 64) || 'UTC';
    return { description: describeCron(cron), nextRuns: nextRuns(schedule, new Date(), 3, zone).map((d) => d.toISOString()) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : 'not a cron expression' };
  }
}
