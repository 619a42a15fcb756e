/**
 * The admin portal's tabs as data (shadcn-ui/taxonomy `config/dashboard.ts` style): the layout renders whatever is
 * listed here, so adding a tab is one entry plus its `page.tsx`.
 *
 * This module is framework-free on purpose (icons are named, not imported) so the role logic is unit-testable and
 * usable from server code, client code and the API alike.
 */

/**
 * What a caller may do in the console, weakest first. Mirrors the `backupRole` custom claim (docs/security.md, "Roles");
 * the `admin` claim maps to `admin`.
 */
export type BackupRole = 'viewer' | 'operator' | 'admin';

/** Every role, weakest first; the order is the privilege order `canSee` relies on. */
export const BACKUP_ROLES: readonly BackupRole[] = ['viewer', 'operator', 'admin'];

/** Stable ids of the portal tabs. */
export type BackupTabId = 'dashboard' | 'backups' | 'restores' | 'dr' | 'schedules' | 'audit';

/**
 * lucide-react icon names (kebab-case, as in lucide's catalogue). The UI maps each to a component through a
 * `Record<BackupTabIcon, LucideIcon>`, so a new name is a type error until an icon is chosen for it.
 */
export type BackupTabIcon = 'layout-dashboard' | 'archive' | 'rotate-ccw' | 'life-buoy' | 'calendar-clock' | 'scroll-text';

/** One tab of the Backup & DR portal. */
export interface BackupTab {
  id: BackupTabId;
  /** Short label shown in the tab bar. */
  title: string;
  /** One sentence on what the tab is for; used as the page's subtitle and meta description. */
  description: string;
  /** Absolute path of the tab's route. */
  href: string;
  icon: BackupTabIcon;
  /** The weakest role that may see the tab. */
  minRole: BackupRole;
}

/** Root of the Backup & DR portal; the Dashboard tab lives here. */
export const BACKUP_PORTAL_BASE = '/portal/admin/backup';

/**
 * The tabs in display order. Minimum roles follow what a tab lets you *do*: reading health and the catalogue is for
 * everyone on the team; restores and schedules change data or cost, so operators; disaster recovery overwrites
 * production and the audit trail records who did what from where, so admins only. The API enforces the same roles;
 * hiding a tab is presentation, not security.
 */
export const BACKUP_TABS: readonly BackupTab[] = [
  {
    id: 'dashboard',
    title: 'Dashboard',
    description: 'Backup health at a glance: last success against the RPO target, success rate, last drill RTO.',
    href: BACKUP_PORTAL_BASE,
    icon: 'layout-dashboard',
    minRole: 'viewer',
  },
  {
    id: 'backups',
    title: 'Backups',
    description: 'The catalogue of backups: method, size, verification status, encryption and legal holds.',
    href: `${BACKUP_PORTAL_BASE}/backups`,
    icon: 'archive',
    minRole: 'viewer',
  },
  {
    id: 'restores',
    title: 'Restores',
    description: 'Restore jobs into staging or a new database: dry-run diffs, progress and post-restore verification.',
    href: `${BACKUP_PORTAL_BASE}/restores`,
    icon: 'rotate-ccw',
    minRole: 'operator',
  },
  {
    id: 'dr',
    title: 'Disaster Recovery',
    description: 'Production recovery and restore drills: safety backups, typed confirmation, approvals, measured RTO.',
    href: `${BACKUP_PORTAL_BASE}/dr`,
    icon: 'life-buoy',
    minRole: 'admin',
  },
  {
    id: 'schedules',
    title: 'Schedules & Retention',
    description: 'Backup schedules with RPO targets, retention policies, legal holds and pruning previews.',
    href: `${BACKUP_PORTAL_BASE}/schedules`,
    icon: 'calendar-clock',
    minRole: 'operator',
  },
  {
    id: 'audit',
    title: 'Audit log',
    description: 'The hash-chained record of every action: who, what, when, from where and with what outcome.',
    href: `${BACKUP_PORTAL_BASE}/audit`,
    icon: 'scroll-text',
    minRole: 'admin',
  },
];

const RANK: Record<BackupRole, number> = { viewer: 0, operator: 1, admin: 2 };

/** True when `role` is at least as strong as `required`. */
export function hasRole(role: BackupRole, required: BackupRole): boolean {
  return RANK[role] >= RANK[required];
}

/** True when a caller with `role` may see `tab`. */
export function canSee(role: BackupRole, tab: Pick<BackupTab, 'minRole'>): boolean {
  return hasRole(role, tab.minRole);
}

/** The tabs a caller with `role` may see, in display order. */
export function visibleTabs(role: BackupRole, tabs: readonly BackupTab[] = BACKUP_TABS): BackupTab[] {
  return tabs.filter((tab) => canSee(role, tab));
}

/** The tab with `id`. Total over `BackupTabId`, so pages can look themselves up without a fallback. */
export function getBackupTab(id: BackupTabId): BackupTab {
  const tab = BACKUP_TABS.find((t) => t.id === id);
  // Unreachable while BACKUP_TABS lists every id; the unit test checks that it does.
  if (!tab) throw new Error(`no backup tab with id ${id}`);
  return tab;
}

/**
 * The tab a pathname belongs to: the longest tab href that equals the path or is a segment prefix of it, so
 * `/portal/admin/backup/backups/abc` selects Backups and the bare base selects Dashboard. Undefined outside the portal.
 */
export function findActiveTab(pathname: string, tabs: readonly BackupTab[] = BACKUP_TABS): BackupTab | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  let best: BackupTab | undefined;
  for (const tab of tabs) {
    const matches = path === tab.href || path.startsWith(`${tab.href}/`);
    if (matches && (!best || tab.href.length > best.href.length)) best = tab;
  }
  return best;
}
