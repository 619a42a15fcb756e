import type { Metadata } from 'next';
import { TabPlaceholder } from '@/components/backup/tab-placeholder';
import { getBackupTab } from '@/config/backup-tabs';

// Will read live state from the engine's read models on every request; never prerender it.
export const dynamic = 'force-dynamic';

const tab = getBackupTab('restores');
export const metadata: Metadata = { title: tab.title, description: tab.description };

const PLANNED = [
  'Restore jobs into staging, a local emulator or a new named database',
  'Selective scope: whole backup, collections, document paths or subtrees',
  'Dry-run diff (added, changed, deleted per collection) before any write',
  'Progress, checkpoints and post-restore verification against the manifest',
] as const;

/** Restores tab: a placeholder until it is connected to the backup engine. */
export default function RestoresPage() {
  return <TabPlaceholder tab="restores" planned={PLANNED} />;
}
