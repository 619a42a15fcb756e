import type { Metadata } from 'next';
import { TabPlaceholder } from '@/components/backup/tab-placeholder';
import { getBackupTab } from '@/config/backup-tabs';

// Will read live state from the engine's read models on every request; never prerender it.
export const dynamic = 'force-dynamic';

const tab = getBackupTab('backups');
export const metadata: Metadata = { title: tab.title, description: tab.description };

const PLANNED = [
  'Every backup with method (managed or logical), snapshot time, size and document counts',
  'Verification status from re-reading the stored bytes (SHA-256 and counts)',
  'Encryption key id, secondary-region copy and legal-hold state',
  'Start an on-demand backup and follow its job to completion',
] as const;

/** Backups tab: a placeholder until it is connected to the backup engine. */
export default function BackupsPage() {
  return <TabPlaceholder tab="backups" planned={PLANNED} />;
}
