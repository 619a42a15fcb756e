import { TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { BackupTabsNav } from '@/components/backup/backup-tabs-nav';
import { PortalShell } from '@/components/backup/portal-shell';
import { SessionGate } from '@/components/backup/session/session-gate';
import { EmptyState } from '@/components/ui/empty-state';
import { portalAuthEndpoint } from './auth-endpoint';

// The sign-in endpoint comes from the environment at request time, so the layout is never prerendered.
export const dynamic = 'force-dynamic';

/**
 * Layout of every Backup & DR tab: the session gate (sign-in, role, tab visibility) around the portal shell. Tab
 * pages are client views that call the Admin API with the signed-in user's ID token.
 */
export default function BackupPortalLayout({ children }: { children: ReactNode }) {
  const auth = portalAuthEndpoint();
  if ('configError' in auth) {
    return (
      <PortalShell nav={<BackupTabsNav />}>
        <EmptyState icon={<TriangleAlert className="size-6" />} title="The console is not configured" description="The server's environment is incomplete, so neither sign-in nor the Admin API can work. The server log has the values it was given.">
          <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-left text-xs whitespace-pre-wrap text-slate-800">{auth.configError.join('\n')}</pre>
        </EmptyState>
      </PortalShell>
    );
  }
  return <SessionGate endpoint={auth.endpoint}>{children}</SessionGate>;
}
