'use client';

import { Lock } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { BACKUP_METHODS } from '@/lib/contracts/backup';
import type { BackupPage } from '@/lib/contracts/responses';
import { BACKUP_PORTAL_BASE, getBackupTab, hasRole } from '@/config/backup-tabs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Select } from '@/components/ui/field';
import { ADMIN_API, withQuery } from '../api/api-client';
import { ApiErrorNotice, LoadingBlock } from '../api/api-status';
import { useApiQuery } from '../api/use-api';
import { backupFacts, encryptionLabel, scopeLabel, type BackupFacts } from '../backup-result';
import { StateBadge } from '../job-bits';
import { PageHeader } from '../page-header';
import { formatBytes, formatCount, formatTime, JOB_STATE_OPTIONS, presentState } from '../presentation';
import { useRole } from '../session/session-provider';
import { CreateBackupPanel } from './create-backup-panel';

const PAGE_SIZE = 20;
const TH = 'px-3 py-2 text-left text-xs font-medium text-slate-500';
const TD = 'px-3 py-2 align-top';

/** Encrypted, or not with the reason on hover (the detail page says it in full). */
function EncryptionCell({ facts }: { facts: BackupFacts }) {
  if (facts.encrypted === null) return <span className="text-slate-400">—</span>;
  const label = encryptionLabel(facts);
  return facts.encrypted ? <Badge tone="success" title={label}>Encrypted</Badge> : <Badge tone="warning" title={label}>{label}</Badge>;
}

function BackupRows({ page }: { page: BackupPage }) {
  if (page.items.length === 0) return <tr><td colSpan={8} className="px-3 py-8 text-center text-sm text-slate-600">No backups match these filters.</td></tr>;
  return (
    <>
      {page.items.map((b) => {
        const f = backupFacts(b);
        return (
          <tr key={b.jobId} className="border-t border-slate-100 text-sm" data-backup-id={b.backupId}>
            <td className={TD}>
              <Link href={`${BACKUP_PORTAL_BASE}/backups/${encodeURIComponent(b.backupId)}`} className="font-medium text-slate-900 underline-offset-2 hover:underline">
                {formatTime(f.snapshotTime ?? b.createdAt)}
              </Link>
              <div className="font-mono text-[11px] text-slate-500">{b.backupId}</div>
            </td>
            <td className={TD}>{b.method}</td>
            <td className={`${TD} max-w-48 truncate`} title={scopeLabel(f)}>{scopeLabel(f)}</td>
            <td className={`${TD} text-right tabular-nums`}>{formatCount(f.documents)}</td>
            <td className={`${TD} text-right tabular-nums`}>{formatBytes(f.bytes)}</td>
            <td className={TD}><StateBadge state={b.state} /></td>
            <td className={TD} data-testid="backup-encryption"><EncryptionCell facts={f} /></td>
            <td className={TD}>{f.legalHold ? <Badge tone="warning" title={f.legalHold.reason}><Lock aria-hidden="true" className="size-3" />Held</Badge> : <span className="text-slate-400">—</span>}</td>
          </tr>
        );
      })}
    </>
  );
}

/** The Backups tab: the catalogue with filters and pages, and "Create backup" with live progress. */
export function BackupsView() {
  const role = useRole();
  const [state, setState] = useState('');
  const [method, setMethod] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const path = withQuery(`${ADMIN_API}/backups`, { limit: PAGE_SIZE, state, method, cursor });
  const list = useApiQuery<BackupPage>(path, { pollMs: (p) => (p?.items.some((b) => presentState(b.state).active) ? 3_000 : undefined) });
  const tab = getBackupTab('backups');
  const resetPages = () => setCursors([undefined]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={tab.title} description={tab.description} actions={hasRole(role, 'operator') ? null : <Badge>Read-only for viewers</Badge>} />
      {hasRole(role, 'operator') ? <CreateBackupPanel onDone={list.reload} /> : null}
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
        <Field label="State">
          <Select value={state} onChange={(e) => { setState(e.target.value); resetPages(); }}>
            <option value="">All states</option>
            {JOB_STATE_OPTIONS.map((s) => <option key={s} value={s}>{presentState(s).label}</option>)}
          </Select>
        </Field>
        <Field label="Method">
          <Select value={method} onChange={(e) => { setMethod(e.target.value); resetPages(); }}>
            <option value="">All methods</option>
            {BACKUP_METHODS.map((m) => <option key={m} value={m}>{m}</option>)}
          </Select>
        </Field>
      </div>
      {list.error ? <ApiErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.loading ? <LoadingBlock /> : list.data ? (
        <Card className="overflow-x-auto">
          <table className="w-full min-w-[720px]" data-testid="backups-table">
            <caption className="sr-only">Backups, newest first</caption>
            <thead>
              <tr>
                <th className={TH}>Time</th><th className={TH}>Method</th><th className={TH}>Scope</th>
                <th className={`${TH} text-right`}>Documents</th><th className={`${TH} text-right`}>Size</th>
                <th className={TH}>Verified</th><th className={TH}>Encryption</th><th className={TH}>Legal hold</th>
              </tr>
            </thead>
            <tbody><BackupRows page={list.data} /></tbody>
          </table>
        </Card>
      ) : null}
      <nav aria-label="Pages" className="flex items-center gap-2">
        <Button size="sm" variant="secondary" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>Previous</Button>
        <span className="text-xs text-slate-600">Page {cursors.length}</span>
        <Button size="sm" variant="secondary" disabled={!list.data?.nextCursor} onClick={() => { const next = list.data?.nextCursor; if (next) setCursors((c) => [...c, next]); }}>Next</Button>
      </nav>
    </div>
  );
}
