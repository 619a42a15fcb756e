import { BACKUP_PORTAL_BASE } from './backup-tabs';

/** lucide-react icon names used by the admin navigation; the component maps each to an icon. */
export type AdminNavIcon = 'download';

/** One entry of the admin navigation (the list of admin consoles). */
export interface AdminNavItem {
  title: string;
  /** One line shown under the title. */
  description: string;
  href: string;
  icon: AdminNavIcon;
}

/** The admin consoles, in display order. */
export const ADMIN_NAV: readonly AdminNavItem[] = [
  {
    title: 'Backup & DR',
    description: 'Backups, restores, disaster recovery, schedules, retention and the audit log.',
    href: BACKUP_PORTAL_BASE,
    icon: 'download',
  },
];
