import { Archive, CalendarClock, LayoutDashboard, LifeBuoy, RotateCcw, ScrollText, type LucideIcon, type LucideProps } from 'lucide-react';
import type { BackupTabIcon } from '@/config/backup-tabs';

/** Icon components for the names used in the tab config; a `Record` so a new name fails to compile until mapped. */
export const BACKUP_TAB_ICONS: Record<BackupTabIcon, LucideIcon> = {
  'layout-dashboard': LayoutDashboard,
  archive: Archive,
  'rotate-ccw': RotateCcw,
  'life-buoy': LifeBuoy,
  'calendar-clock': CalendarClock,
  'scroll-text': ScrollText,
};

/** Renders a tab's icon by name; decorative unless the caller passes an `aria-label`. */
export function TabIcon({ name, ...props }: { name: BackupTabIcon } & Omit<LucideProps, 'ref'>) {
  const Icon = BACKUP_TAB_ICONS[name];
  return <Icon aria-hidden={props['aria-label'] ? undefined : true} {...props} />;
}
