import type { Metadata } from 'next';
import { TabPlaceholder } from '@/components/backup/tab-placeholder';
import { getBackupTab } from '@/config/backup-tabs';

// Will read live state from the engine's read models on every request; never prerender it.
export const dynamic = 'force-dynamic';

const tab = getBackupTab('dashboard');
export const metadata: Metadata = { title: tab.title, description: tab.description };

const PLANNED = [
  'Last verified backup and its age against the RPO target',
  '30-day backup success rate (target above 95 %)',
  'Running jobs with progress, throughput and ETA',
  'Last restore drill and its measured RTO',
  'Backup size and duration trends',
  'Open alerts: failed runs, verification failures, RPO breaches',
] as const;

/** Dashboard tab: a placeholder until it is connected to the backup engine. */
export default function DashboardPage() {
  return <TabPlaceholder tab="dashboard" planned={PLANNED} />;
}
