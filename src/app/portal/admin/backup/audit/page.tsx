import type { Metadata } from 'next';
import { TabPlaceholder } from '@/components/backup/tab-placeholder';
import { getBackupTab } from '@/config/backup-tabs';

// Will read live state from the engine's read models on every request; never prerender it.
export const dynamic = 'force-dynamic';

const tab = getBackupTab('audit');
export const metadata: Metadata = { title: tab.title, description: tab.description };

const PLANNED = [
  'Every action: who, what, when, from where and the outcome',
  'Hash-chain verification showing whether the trail is intact',
  'Filters by actor, action, outcome and time range',
] as const;

/** Audit log tab: a placeholder until it is connected to the backup engine. */
export default function AuditPage() {
  return <TabPlaceholder tab="audit" planned={PLANNED} />;
}
