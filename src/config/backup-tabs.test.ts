import {
  BACKUP_PORTAL_BASE,
  BACKUP_ROLES,
  BACKUP_TABS,
  type BackupRole,
  type BackupTabId,
  canSee,
  findActiveTab,
  getBackupTab,
  hasRole,
  visibleTabs,
} from './backup-tabs';

const ids = (role: BackupRole): BackupTabId[] => visibleTabs(role).map((t) => t.id);

describe('canSee', () => {
  it('follows the role order viewer < operator < admin', () => {
    const matrix = BACKUP_ROLES.map((role) => BACKUP_ROLES.map((required) => canSee(role, { minRole: required })));
    expect(matrix).toEqual([
      [true, false, false],
      [true, true, false],
      [true, true, true],
    ]);
  });

  it('shows viewers only the read-only tabs', () => {
    expect(ids('viewer')).toEqual(['dashboard', 'backups']);
  });

  it('adds restores and schedules for operators, but not DR or audit', () => {
    expect(ids('operator')).toEqual(['dashboard', 'backups', 'restores', 'schedules']);
  });

  it('shows admins every tab in display order', () => {
    expect(ids('admin')).toEqual(['dashboard', 'backups', 'restores', 'dr', 'schedules', 'audit']);
  });

  it('agrees with hasRole for every role and tab', () => {
    for (const role of BACKUP_ROLES) {
      for (const tab of BACKUP_TABS) expect(canSee(role, tab)).toBe(hasRole(role, tab.minRole));
    }
  });
});

describe('BACKUP_TABS', () => {
  it('has unique ids and hrefs, all under the portal base', () => {
    expect(new Set(BACKUP_TABS.map((t) => t.id)).size).toBe(BACKUP_TABS.length);
    expect(new Set(BACKUP_TABS.map((t) => t.href)).size).toBe(BACKUP_TABS.length);
    for (const tab of BACKUP_TABS) expect(tab.href === BACKUP_PORTAL_BASE || tab.href.startsWith(`${BACKUP_PORTAL_BASE}/`)).toBe(true);
  });

  it('routes each tab where its page lives', () => {
    expect(BACKUP_TABS.map((t) => t.href.slice(BACKUP_PORTAL_BASE.length))).toEqual(['', '/backups', '/restores', '/dr', '/schedules', '/audit']);
  });

  it('lets getBackupTab find every id', () => {
    for (const tab of BACKUP_TABS) expect(getBackupTab(tab.id)).toBe(tab);
  });
});

describe('findActiveTab', () => {
  it.each([
    ['/portal/admin/backup', 'dashboard'],
    ['/portal/admin/backup/', 'dashboard'],
    ['/portal/admin/backup/backups', 'backups'],
    ['/portal/admin/backup/backups/bk_123', 'backups'],
    ['/portal/admin/backup/dr', 'dr'],
    ['/portal/admin/backup/audit/', 'audit'],
  ])('%s selects %s', (path, id) => {
    expect(findActiveTab(path)?.id).toBe(id);
  });

  it('does not match a sibling that merely shares a prefix', () => {
    expect(findActiveTab('/portal/admin/backup/drills')?.id).toBe('dashboard');
    expect(findActiveTab('/portal/admin/backupx')).toBeUndefined();
  });

  it('returns undefined outside the portal', () => {
    expect(findActiveTab('/')).toBeUndefined();
    expect(findActiveTab('/portal/admin')).toBeUndefined();
  });
});
