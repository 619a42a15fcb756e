import type { Metadata } from 'next';
import { AuditView } from '@/components/backup/audit/audit-view';
import { getBackupTab } from '@/config/backup-tabs';

const tab = getBackupTab('audit');
export const metadata: Metadata = { title: tab.title, description: tab.description };

/** Audit log tab: the hash-chained trail, filters and the chain's verification status. */
export default function AuditPage() {
  return <AuditView />;
}
