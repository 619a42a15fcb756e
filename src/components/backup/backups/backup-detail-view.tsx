'use client';

import { ArrowLeft, ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import { useState, type ReactNode } from 'react';
import type { BackupDetail, BackupListItemView } from '@/lib/contracts/responses';
import { BACKUP_PORTAL_BASE, hasRole } from '@/config/backup-tabs';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ADMIN_API, type ApiFailure } from '../api/api-client';
import { ApiErrorNotice, LoadingBlock } from '../api/api-status';
import { useApiMutation, useApiQuery } from '../api/use-api';
import { backupFacts, encryptionLabel, scopeLabel, type BackupFacts } from '../backup-result';
import { JobProgress, StateBadge } from '../job-bits';
import { PageHeader } from '../page-header';
import { formatBytes, formatCount, formatDuration, formatTime, presentState } from '../presentation';
import { useRole } from '../session/session-provider';
import { DocumentBrowser } from './document-browser';
import { LegalHoldPanel } from './legal-hold-panel';

interface VerifyAnswer {
  ok: boolean;
  findings: { severity: string; file?: string; code: string; message: string }[];
  documents: number;
  bytes: number;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm text-slate-900 tabular-nums">{children}</dd>
    </div>
  );
}

function VerifyPanel({ backupId, canVerify }: { backupId: string; canVerify: boolean }) {
  const mutation = useApiMutation();
  const [answer, setAnswer] = useState<VerifyAnswer | undefined>(undefined);
  const [failure, setFailure] = useState<ApiFailure | undefined>(undefined);
  const verify = async () => {
    const res = await mutation.call<VerifyAnswer>(`${ADMIN_API}/backups/${encodeURIComponent(backupId)}/verify`, { body: {} });
    if (res.ok) { setAnswer(res.data); setFailure(undefined); } else setFailure(res.error);
  };
  return (
    <div className="flex flex-col gap-3" data-testid="verify-panel">
      {canVerify ? (
        <Button variant="secondary" className="self-start" onClick={() => void verify()} disabled={mutation.pending}>
          <ShieldCheck aria-hidden="true" className="size-4" />
          {mutation.pending ? 'Re-reading every stored byte…' : 'Verify now'}
        </Button>
      ) : null}
      {answer ? (
        <div className="flex flex-col gap-2 text-sm" role="status">
          <p className="flex items-center gap-2">
            <Badge tone={answer.ok ? 'success' : 'danger'}>{answer.ok ? 'Verification passed' : 'Verification failed'}</Badge>
            {formatCount(answer.documents)} documents, {formatBytes(answer.bytes)} checked
          </p>
          {answer.findings.length > 0 ? (
            <ul className="list-disc pl-5 text-slate-700">
              {answer.findings.map((f, i) => <li key={`${f.code}-${i}`}><span className="font-medium">{f.severity}</span> {f.code}{f.file ? ` (${f.file})` : ''}: {f.message}</li>)}
            </ul>
          ) : <p className="text-slate-600">No findings: every chunk's size, SHA-256 and document count match the manifest.</p>}
        </div>
      ) : null}
      {failure ? <ApiErrorNotice error={failure} /> : null}
    </div>
  );
}

function FactsCard({ backup, f }: { backup: BackupListItemView; f: BackupFacts }) {
  return (
    <Card>
      <CardContent>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Fact label="Snapshot time">{formatTime(f.snapshotTime ?? backup.createdAt)}</Fact>
          <Fact label="Documents">{formatCount(f.documents)}</Fact>
          <Fact label="Size">{formatBytes(f.bytes)}</Fact>
          <Fact label="Duration">{formatDuration(f.durationMs)}</Fact>
          <Fact label="Verified">{f.verified ? `yes, ${formatTime(f.verifiedAt)}` : 'no'}</Fact>
          <Fact label="Encryption"><span data-testid="backup-encryption">{encryptionLabel(f)}</span></Fact>
          <Fact label="Trigger">{f.trigger ?? '—'}</Fact>
          <Fact label="Job">{backup.jobId}</Fact>
        </dl>
      </CardContent>
    </Card>
  );
}

function CollectionCountsCard({ collections }: { collections: BackupFacts['collections'] }) {
  return (
    <Card>
      <CardHeader><CardTitle>Documents per collection</CardTitle></CardHeader>
      <CardContent>
        {Object.keys(collections).length === 0 ? <p className="text-sm text-slate-600">No counts yet.</p> : (
          <table className="w-full text-sm" data-testid="collection-counts">
            <tbody>{Object.entries(collections).sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => <tr key={c} className="border-t border-slate-100 first:border-0"><td className="py-1 font-mono text-xs">{c}</td><td className="py-1 text-right tabular-nums">{formatCount(n)}</td></tr>)}</tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}

function ManifestCard({ manifest }: { manifest: BackupDetail['manifest'] }) {
  return (
    <Card>
      <CardContent>
        <details>
          <summary className="cursor-pointer text-sm font-medium text-slate-900">Manifest</summary>
          {manifest ? <pre className="mt-3 max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs">{JSON.stringify(manifest, null, 2)}</pre> : <p className="mt-2 text-sm text-slate-600">No manifest: the backup is incomplete, so it is neither restorable nor prunable.</p>}
        </details>
        <p className="mt-3 text-xs text-slate-500">Backups are deleted only by the retention policy (Schedules &amp; Retention), never one by one, so a legal hold or the policy always has the last word.</p>
      </CardContent>
    </Card>
  );
}

/** One backup: facts, per-collection counts, manifest, verification, legal hold and a browser of its documents. */
export function BackupDetailView({ backupId }: { backupId: string }) {
  const role = useRole();
  const detail = useApiQuery<BackupDetail>(`${ADMIN_API}/backups/${encodeURIComponent(backupId)}`, { pollMs: (d) => (d && presentState(d.backup.state).active ? 2_000 : undefined) });
  const back = <Link href={`${BACKUP_PORTAL_BASE}/backups`} className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"><ArrowLeft aria-hidden="true" className="size-4" />All backups</Link>;
  if (detail.loading) return <div className="flex flex-col gap-4">{back}<LoadingBlock /></div>;
  if (!detail.data) return <div className="flex flex-col gap-4">{back}{detail.error ? <ApiErrorNotice error={detail.error} onRetry={detail.reload} /> : null}</div>;
  const { backup, manifest } = detail.data;
  const f = backupFacts(backup);
  const done = backup.state === 'succeeded';
  return (
    <div className="flex flex-col gap-6">
      {back}
      <PageHeader title={`Backup ${backup.backupId}`} description={`${backup.method} backup of ${scopeLabel(f)}`} actions={<StateBadge state={backup.state} />} />
      {!done && presentState(backup.state).active ? <Card><CardContent><JobProgress state={backup.state} progress={null} /></CardContent></Card> : null}
      {backup.error ? <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">{backup.error.message}</p> : null}
      <FactsCard backup={backup} f={f} />
      <div className="grid gap-6 lg:grid-cols-2">
        <CollectionCountsCard collections={f.collections} />
        <Card>
          <CardHeader><CardTitle>Verification</CardTitle></CardHeader>
          <CardContent><VerifyPanel backupId={backup.backupId} canVerify={done && hasRole(role, 'operator')} /></CardContent>
        </Card>
      </div>
      {done ? (
        <Card>
          <CardHeader><CardTitle>Legal hold</CardTitle></CardHeader>
          <CardContent><LegalHoldPanel backupId={backup.backupId} hold={f.legalHold} canEdit={hasRole(role, 'admin')} onChanged={detail.reload} /></CardContent>
        </Card>
      ) : null}
      {done ? (
        <Card>
          <CardHeader><CardTitle>Contents</CardTitle></CardHeader>
          <CardContent><DocumentBrowser backupId={backup.backupId} /></CardContent>
        </Card>
      ) : null}
      <ManifestCard manifest={manifest} />
    </div>
  );
}
