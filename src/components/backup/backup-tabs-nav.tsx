'use client';

import { usePathname } from 'next/navigation';
import { BACKUP_TABS, findActiveTab, visibleTabs, type BackupRole } from '@/config/backup-tabs';
import { TabsNav } from '@/components/ui/tabs-nav';
import { TabIcon } from './tab-icon';

export interface BackupTabsNavProps {
  /**
   * The signed-in caller's role. Until sign-in exists (a SessionGate will supply it) every tab is listed; that is
   * safe because tab pages render nothing sensitive without the API, which enforces roles itself.
   */
  role?: BackupRole;
}

/**
 * The Backup & DR tab bar, rendered from `src/config/backup-tabs.ts`. A Client Component only because the active
 * tab comes from the URL (`usePathname`), which keeps the shared layout static across tab navigations.
 */
export function BackupTabsNav({ role }: BackupTabsNavProps) {
  const pathname = usePathname();
  const active = findActiveTab(pathname);
  const tabs = role ? visibleTabs(role) : BACKUP_TABS;
  const items = tabs.map((tab) => ({
    href: tab.href,
    label: tab.title,
    icon: <TabIcon name={tab.icon} className="size-4" />,
    current: tab.id === active?.id,
  }));
  return <TabsNav items={items} label="Backup & DR sections" />;
}
