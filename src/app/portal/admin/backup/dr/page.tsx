import type { Metadata } from 'next';
import { DrView } from '@/components/backup/dr/dr-view';
import { getBackupTab } from '@/config/backup-tabs';

const tab = getBackupTab('dr');
export const metadata: Metadata = { title: tab.title, description: tab.description };

/** Disaster Recovery tab: runbook, rehearsal into staging, guarded production restore. */
export default function DisasterRecoveryPage() {
  return <DrView />;
}
