import { getBackupTab, type BackupTabId } from '@/config/backup-tabs';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from './page-header';
import { TabIcon } from './tab-icon';

export interface TabPlaceholderProps {
  tab: BackupTabId;
  /** What the tab will show once it is connected to the engine, one item per line. */
  planned: readonly string[];
}

/**
 * The honest state of a tab that is not wired to data yet: says so plainly and lists what will appear, rather than
 * showing sample numbers an operator could mistake for the real state of their backups.
 */
export function TabPlaceholder({ tab: id, planned }: TabPlaceholderProps) {
  const tab = getBackupTab(id);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={tab.title}
        description={tab.description}
        actions={<Badge title="The weakest role that may open this tab">{`Role: ${tab.minRole} and above`}</Badge>}
      />
      <EmptyState
        icon={<TabIcon name={tab.icon} className="size-6" />}
        title={`${tab.title} is not available yet`}
        description="This view is not connected to the backup engine yet, so there is nothing to show. No data on this page is simulated."
      >
        <div className="rounded-md border border-slate-200 bg-slate-50 p-4 text-left">
          <div className="mb-2 flex items-center gap-2">
            <Badge tone="info">Planned</Badge>
            <span className="text-xs font-medium text-slate-600">What this tab will contain</span>
          </div>
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            {planned.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </EmptyState>
    </div>
  );
}
