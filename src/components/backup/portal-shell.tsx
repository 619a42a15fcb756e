import { DatabaseBackup } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';

export interface PortalShellProps {
  /** The section navigation (the tab bar). */
  nav: ReactNode;
  /** Right side of the top bar; reserved for the signed-in account menu. */
  account?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of the Backup & DR portal: top bar, tab bar, content column. Kept free of session logic so a client
 * `SessionGate` can wrap it whole (gating content and supplying the role to the nav) without restructuring the layout.
 */
export function PortalShell({ nav, account, children }: PortalShellProps) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
          <Link
            href="/"
            className="flex items-center gap-2 rounded-md text-sm font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
          >
            <DatabaseBackup aria-hidden="true" className="size-5 text-slate-700" />
            <span>Firestore Backup &amp; DR</span>
            <span className="hidden font-normal text-slate-400 sm:inline">/ Admin</span>
          </Link>
          {account ? <div className="flex items-center gap-2">{account}</div> : null}
        </div>
        <div className="mx-auto max-w-6xl px-2 sm:px-4">{nav}</div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
