import type { Metadata } from 'next';
import { TabPlaceholder } from '@/components/backup/tab-placeholder';
import { getBackupTab } from '@/config/backup-tabs';

// Will read live state from the engine's read models on every request; never prerender it.
export const dynamic = 'force-dynamic';

const tab = getBackupTab('dr');
export const metadata: Metadata = { title: tab.title, description: tab.description };

const PLANNED = [
  'Production restore with a safety backup taken first as the rollback point',
  'Typed confirmation of the project id and optional second-admin approval',
  'Restore drill history with measured RTO and the readiness checklist',
] as const;

/** Disaster Recovery tab: a placeholder until it is connected to the backup engine. */
export default function DrPage() {
  return <TabPlaceholder tab="dr" planned={PLANNED} />;
}
