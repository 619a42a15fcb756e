'use client';

import { ShieldAlert, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import type { AuditChainView } from '@/lib/contracts/responses';
import { getBackupTab } from '@/config/backup-tabs';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { ADMIN_API, withQuery } from '../api/api-client';
import { ApiErrorNotice, LoadingBlock } from '../api/api-status';
import { useApiQuery } from '../api/use-api';
import { PageHeader } from '../page-header';
import { formatTime } from '../presentation';

type Outcome = 'ok' | 'refused' | 'failed';
const OUTCOME_TONE: Record<Outcome, BadgeTone> = { ok: 'success', refused: 'warning', failed: 'danger' };

interface AuditEntry { seq: number; at?: string; time?: string; actor?: unknown; action: string; target?: string | null; outcome: string }
interface AuditPage { items: AuditEntry[]; nextBefore: number | null }

function actorName(actor: unknown): string {
  if (typeof actor === 'string') return actor;
  if (typeof actor === 'object' && actor !== null) {
    const a = actor as Record<string, unknown>;
    return String(a.email ?? a.uid ?? a.system ?? a.id ?? JSON.stringify(a));
  }
  return '—';
}

function actorIp(actor: unknown): string {
  const ip = typeof actor === 'object' && actor !== null ? (actor as { ip?: unknown }).ip : undefined;
  return typeof ip === 'string' ? ip : '—';
}

function ChainStatus() {
  const chain = useApiQuery<AuditChainView>(`${ADMIN_API}/audit/verify`);
  if (chain.loading) return <Badge>Checking the chain…</Badge>;
  if (chain.error) return <Badge tone="danger">Chain check failed: {chain.error.message}</Badge>;
  const c = chain.data;
  if (!c) return null;
  return c.ok
    ? <Badge tone="success" data-testid="chain-status"><ShieldCheck aria-hidden="true" className="size-3" />Chain intact through #{c.head.seq}{c.keying === 'unkeyed' ? ' (unkeyed)' : ''}</Badge>
    : <Badge tone="danger" data-testid="chain-status"><ShieldAlert aria-hidden="true" className="size-3" />Chain broken at #{c.firstBroken?.seq}: {c.firstBroken?.detail ?? c.firstBroken?.reason}</Badge>;
}

/** The Audit log tab: the hash-chained trail with filters and pages, and the chain's verification status. */
export function AuditView() {
  const tab = getBackupTab('audit');
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState('');
  const [befores, setBefores] = useState<(number | undefined)[]>([undefined]);
  const path = withQuery(`${ADMIN_API}/audit`, { limit: 50, actor: actor.trim(), action: action.trim(), outcome, before: befores.at(-1) });
  const page = useApiQuery<AuditPage>(path);
  const reset = () => setBefores([undefined]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={tab.title} description={tab.description} actions={<ChainStatus />} />
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
        <Field label="Actor"><Input value={actor} onChange={(e) => { setActor(e.target.value); reset(); }} placeholder="email or uid" /></Field>
        <Field label="Action"><Input value={action} onChange={(e) => { setAction(e.target.value); reset(); }} placeholder="e.g. backup.create" /></Field>
        <Field label="Outcome">
          <Select value={outcome} onChange={(e) => { setOutcome(e.target.value); reset(); }}>
            <option value="">All outcomes</option>
            {(Object.keys(OUTCOME_TONE) as Outcome[]).map((o) => <option key={o} value={o}>{o}</option>)}
          </Select>
        </Field>
      </div>
      {page.error ? <ApiErrorNotice error={page.error} onRetry={page.reload} /> : null}
      {page.loading ? <LoadingBlock /> : page.data ? (
        <Card className="overflow-x-auto">
          <table className="w-full min-w-[720px] text-sm" data-testid="audit-table">
            <caption className="sr-only">Audit entries, newest first</caption>
            <thead><tr className="text-xs text-slate-500">{['#', 'Time', 'Actor', 'Action', 'Target', 'Outcome', 'From'].map((h) => <th key={h} className="px-3 py-2 text-left font-medium">{h}</th>)}</tr></thead>
            <tbody>
              {page.data.items.map((e) => (
                <tr key={e.seq} className="border-t border-slate-100" data-action={e.action}>
                  <td className="px-3 py-2 text-xs text-slate-500 tabular-nums">{e.seq}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatTime(e.at ?? e.time)}</td>
                  <td className="max-w-48 truncate px-3 py-2">{actorName(e.actor)}</td>
                  <td className="px-3 py-2 font-mono text-xs">{e.action}</td>
                  <td className="max-w-48 truncate px-3 py-2 font-mono text-xs">{e.target ?? '—'}</td>
                  <td className="px-3 py-2"><Badge tone={OUTCOME_TONE[e.outcome as Outcome] ?? 'neutral'}>{e.outcome}</Badge></td>
                  <td className="px-3 py-2 text-xs text-slate-500">{actorIp(e.actor)}</td>
                </tr>
              ))}
              {page.data.items.length === 0 ? <tr><td colSpan={7} className="px-3 py-8 text-center text-slate-600">No entries match these filters.</td></tr> : null}
            </tbody>
          </table>
        </Card>
      ) : null}
      <nav aria-label="Pages" className="flex items-center gap-2">
        <Button size="sm" variant="secondary" disabled={befores.length <= 1} onClick={() => setBefores((b) => b.slice(0, -1))}>Newer</Button>
        <Button size="sm" variant="secondary" disabled={!page.data?.nextBefore} onClick={() => { const n = page.data?.nextBefore; if (n) setBefores((b) => [...b, n]); }}>Older</Button>
      </nav>
    </div>
  );
}
