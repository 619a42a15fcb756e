import { ArrowRight, CalendarClock, DatabaseBackup, RotateCcw, ScrollText, ShieldCheck, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { AdminNav } from '@/components/admin-nav';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { BACKUP_PORTAL_BASE } from '@/config/backup-tabs';

interface Capability {
  title: string;
  body: string;
  icon: LucideIcon;
}

const CAPABILITIES: readonly Capability[] = [
  {
    title: 'Verified, encrypted backups',
    body: 'Managed exports or logical snapshots at one consistent read time, encrypted with AES-256-GCM and re-read after writing: a backup counts only once its checksums and counts match.',
    icon: ShieldCheck,
  },
  {
    title: 'Rehearsed restores',
    body: 'Restore drills into an emulator or staging database compare content hashes with the manifest and record the measured RTO. Production restores take a safety backup and need a typed confirmation.',
    icon: RotateCcw,
  },
  {
    title: 'Retention and legal holds',
    body: 'Schedules with RPO targets, keep-last and daily/weekly/monthly retention with a prune preview, and legal holds that block deletion.',
    icon: CalendarClock,
  },
  {
    title: 'Audit trail',
    body: 'Every action — who, what, when, from where, outcome — in a hash-chained log, so tampering is detectable.',
    icon: ScrollText,
  },
];

/** The pitch: the question the console answers, and the way in. */
function Intro() {
  return (
    <section className="flex flex-col gap-4">
      <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Backup &amp; Disaster Recovery console</p>
      <h1 className="text-3xl font-semibold tracking-tight text-slate-900">Know your RPO and RTO for Firestore — with evidence</h1>
      <p className="max-w-2xl text-slate-600">
        If Firestore were wiped or corrupted right now, how much data would you lose, and how long until you are
        back? This console runs verified backups on a schedule, rehearses restores, enforces retention and keeps an
        audit trail, so that question has a measured answer every day.
      </p>
      <div className="flex flex-wrap gap-3">
        <Link href={BACKUP_PORTAL_BASE} className={buttonClasses()}>
          Open the admin portal
          <ArrowRight aria-hidden="true" className="size-4" />
        </Link>
      </div>
    </section>
  );
}

/** "What it does": one card per capability. */
function Capabilities() {
  return (
    <section aria-labelledby="capabilities" className="flex flex-col gap-4">
      <h2 id="capabilities" className="text-sm font-semibold text-slate-900">
        What it does
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2">
        {CAPABILITIES.map(({ title, body, icon: Icon }) => (
          <li key={title}>
            <Card className="h-full">
              <CardHeader>
                <div className="flex items-center gap-2">
                  <Icon aria-hidden="true" className="size-4 text-slate-500" />
                  <CardTitle>{title}</CardTitle>
                </div>
              </CardHeader>
              <CardContent>
                <p className="text-sm text-slate-600">{body}</p>
              </CardContent>
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Home: what the console is, and the way into the admin portal. */
export default function HomePage() {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-4 text-sm font-semibold sm:px-6">
          <DatabaseBackup aria-hidden="true" className="size-5 text-slate-700" />
          Firestore Backup &amp; DR
        </div>
      </header>
      <main id="main" className="mx-auto grid w-full max-w-6xl flex-1 gap-10 px-4 py-12 sm:px-6 lg:grid-cols-[1fr_20rem]">
        <div className="flex flex-col gap-8">
          <Intro />
          <Capabilities />
          <p className="text-sm text-slate-600">
            The same engine is reachable three ways: this portal, the admin API at{' '}
            <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">/api/admin/backup</code> and the{' '}
            <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">npm run backup:*</code> scripts.
          </p>
        </div>
        <aside>
          <Card>
            <CardHeader>
              <CardTitle>Administration</CardTitle>
              <CardDescription>Consoles for operators and admins</CardDescription>
            </CardHeader>
            <div className="px-2 pt-3 pb-2">
              <AdminNav />
            </div>
          </Card>
        </aside>
      </main>
    </div>
  );
}
