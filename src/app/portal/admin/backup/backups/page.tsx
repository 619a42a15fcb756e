import type { Metadata } from 'next';
import { BackupsView } from '@/components/backup/backups/backups-view';
import { getBackupTab } from '@/config/backup-tabs';

const tab = getBackupTab('backups');
export const metadata: Metadata = { title: tab.title, description: tab.description };

/** Backups tab: the catalogue, filters, pages and "Create backup". */
export default function BackupsPage() {
  return <BackupsView />;
}
