import type { Metadata } from 'next';
import { RestoresView } from '@/components/backup/restores/restores-view';
import { getBackupTab } from '@/config/backup-tabs';

const tab = getBackupTab('restores');
export const metadata: Metadata = { title: tab.title, description: tab.description };

/** Restores tab: wizard with a dry-run diff, progress, verified result and history. */
export default function RestoresPage() {
  return <RestoresView />;
}
