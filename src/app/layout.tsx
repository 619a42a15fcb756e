import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Firestore Backup & DR', template: '%s · Firestore Backup & DR' },
  description:
    'Backup & Disaster Recovery console for Firestore: verified, encrypted backups, rehearsed restores, retention and legal holds, and an audit trail.',
  // An internal operations tool: keep it out of search engines even if it is exposed by mistake.
  robots: { index: false, follow: false },
};

// Every page is rendered per request: Next.js puts the CSP nonce of src/proxy.ts on its scripts only while rendering,
// so a prerendered page's scripts would carry none and be blocked.
export const dynamic = 'force-dynamic';

export const viewport: Viewport = { themeColor: '#0f172a' };

/** Root layout: document shell and a skip link to each page's `#main`. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
