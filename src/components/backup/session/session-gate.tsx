'use client';

import { LogOut, ShieldOff } from 'lucide-react';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { canSee, findActiveTab } from '@/config/backup-tabs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { LoadingBlock } from '../api/api-status';
import { BackupTabsNav } from '../backup-tabs-nav';
import { PortalShell } from '../portal-shell';
import type { AuthEndpoint } from './auth-client';
import { SessionProvider, useSession } from './session-provider';
import { SignInForm } from './sign-in-form';

function AccountMenu() {
  const { state, signOut } = useSession();
  if (state.status !== 'signed-in') return null;
  return (
    <>
      <span className="hidden max-w-56 truncate text-sm text-slate-600 sm:inline" data-testid="account-email">
        {state.user.email ?? state.user.uid}
      </span>
      <Badge tone={state.user.role === 'admin' ? 'info' : 'neutral'} data-testid="account-role">
        {state.user.role ?? 'no role'}
      </Badge>
      <Button size="sm" variant="ghost" onClick={() => signOut()}>
        <LogOut aria-hidden="true" className="size-4" />
        Sign out
      </Button>
    </>
  );
}

function Gated({ children, emulator }: { children: ReactNode; emulator: boolean }) {
  const { state } = useSession();
  const pathname = usePathname();
  if (state.status === 'loading') return <PortalShell nav={null}><LoadingBlock label="Checking your session…" /></PortalShell>;
  if (state.status === 'signed-out') {
    return <PortalShell nav={null}><SignInForm notice={state.notice} emulator={emulator} /></PortalShell>;
  }
  const { role } = state.user;
  if (role === null) {
    return (
      <PortalShell nav={null} account={<AccountMenu />}>
        <EmptyState
          icon={<ShieldOff className="size-6" />}
          title="Your account has no backup role"
          description="You are signed in, but this account holds neither the admin claim nor a backupRole (viewer, operator or admin), so the Admin API refuses every request from it. Ask an administrator to grant you a role, then sign in again to pick it up."
        />
      </PortalShell>
    );
  }
  const tab = findActiveTab(pathname);
  const allowed = !tab || canSee(role, tab);
  return (
    <PortalShell nav={<BackupTabsNav role={role} />} account={<AccountMenu />}>
      {allowed ? children : (
        <EmptyState
          icon={<ShieldOff className="size-6" />}
          title={`${tab.title} needs the ${tab.minRole} role`}
          description={`You are signed in as ${role}. This section is for ${tab.minRole}s and above; the API refuses its actions for your role.`}
        />
      )}
    </PortalShell>
  );
}

/**
 * Everything under the portal layout: holds the content until the session is known, asks for sign-in, explains a
 * missing role, and hands the role to the tab bar. Hiding is presentation only: the API enforces every role.
 */
export function SessionGate({ endpoint, children }: { endpoint: AuthEndpoint; children: ReactNode }) {
  return (
    <SessionProvider endpoint={endpoint}>
      <Gated emulator={endpoint.emulatorHost !== undefined}>{children}</Gated>
    </SessionProvider>
  );
}
