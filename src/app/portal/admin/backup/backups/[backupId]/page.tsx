import type { Metadata } from 'next';
import { BackupDetailView } from '@/components/backup/backups/backup-detail-view';

export const metadata: Metadata = { title: 'Backup' };

/** One backup's detail (a deep link from the catalogue, the dashboard and the audit log). */
export default async function BackupDetailPage({ params }: { params: Promise<{ backupId: string }> }) {
  const { backupId } = await params;
  return <BackupDetailView backupId={decodeURIComponent(backupId)} />;
}
