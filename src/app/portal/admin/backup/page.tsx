import type { Metadata } from 'next';
import { DashboardView } from '@/components/backup/dashboard/dashboard-view';
import { getBackupTab } from '@/config/backup-tabs';

const tab = getBackupTab('dashboard');
export const metadata: Metadata = { title: tab.title, description: tab.description };

/** Dashboard tab: live health read from the Admin API with the signed-in user's token. */
export default function DashboardPage() {
  return <DashboardView />;
}
