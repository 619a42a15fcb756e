import type { Metadata } from 'next';
import { TabPlaceholder } from '@/components/backup/tab-placeholder';
import { getBackupTab } from '@/config/backup-tabs';

// Will read live state from the engine's read models on every request; never prerender it.
export const dynamic = 'force-dynamic';

const tab = getBackupTab('schedules');
export const metadata: Metadata = { title: tab.title, description: tab.description };

const PLANNED = [
  'Schedules: cron expression, method, collections and RPO target, with next and missed runs',
  'Retention policy: keep-last, daily, weekly, monthly and maximum age',
  'Prune preview listing what would be deleted and why',
  'Legal holds that block deletion',
] as const;

/** Schedules & Retention tab: a placeholder until it is connected to the backup engine. */
export default function SchedulesPage() {
  return <TabPlaceholder tab="schedules" planned={PLANNED} />;
}
