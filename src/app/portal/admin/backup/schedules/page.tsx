import type { Metadata } from 'next';
import { SchedulesView } from '@/components/backup/schedules/schedules-view';
import { getBackupTab } from '@/config/backup-tabs';
import { previewCron } from './preview-cron';

const tab = getBackupTab('schedules');
export const metadata: Metadata = { title: tab.title, description: tab.description };

/** Schedules & Retention tab; the cron preview is a server action over the engine's pure schedule helpers. */
export default function SchedulesPage() {
  return <SchedulesView previewCron={previewCron} />;
}
