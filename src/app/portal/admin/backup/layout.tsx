import type { ReactNode } from 'react';
import { BackupTabsNav } from '@/components/backup/backup-tabs-nav';
import { PortalShell } from '@/components/backup/portal-shell';

/**
 * Layout of every Backup & DR tab. Sign-in comes later: a client `SessionGate` will wrap `PortalShell` here, hold
 * the content until the Firebase ID token is known and pass the caller's role to `BackupTabsNav`.
 */
export default function BackupPortalLayout({ children }: { children: ReactNode }) {
  return <PortalShell nav={<BackupTabsNav />}>{children}</PortalShell>;
}
