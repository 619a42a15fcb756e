'use client';

import { useEffect, useState } from 'react';
import { retentionPolicySchema } from '@/lib/contracts/admin';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { ADMIN_API, type ApiFailure } from '../api/api-client';
import { ApiErrorNotice, LoadingBlock } from '../api/api-status';
import { useApiMutation, useApiQuery } from '../api/use-api';
import { formatTime } from '../presentation';

interface Decision { backupId: string; createdAt: string; status: string; decision: string; reasons: string[] }
interface RetentionAnswer { policy: Record<string, unknown>; stored: boolean; preview: { decisions?: Decision[] } }

const FIELDS = [
  ['keepLast', 'Keep last'],
  ['daily', 'Daily'],
  ['weekly', 'Weekly'],
  ['monthly', 'Monthly'],
  ['maxAgeDays', 'Max age (days, 0 = none)'],
] as const;
type PolicyKey = (typeof FIELDS)[number][0];

/** The retention policy form and the API's live keep/delete preview of the catalogue under it. */
export function RetentionPanel({ canEdit }: { canEdit: boolean }) {
  const answer = useApiQuery<RetentionAnswer>(`${ADMIN_API}/retention`);
  const [draft, setDraft] = useState<Record<PolicyKey, string> & { timeZone: string }>({ keepLast: '', daily: '', weekly: '', monthly: '', maxAgeDays: '', timeZone: 'UTC' });
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<ApiFailure | undefined>(undefined);
  const mutation = useApiMutation();
  const policy = answer.data?.policy;
  useEffect(() => {
    if (!policy) return;
    setDraft({ keepLast: String(policy.keepLast ?? ''), daily: String(policy.daily ?? ''), weekly: String(policy.weekly ?? ''), monthly: String(policy.monthly ?? ''), maxAgeDays: String(policy.maxAgeDays ?? ''), timeZone: String(policy.timeZone ?? 'UTC') });
  }, [policy]);

  const post = async (body: Record<string, unknown>) => {
    const res = await mutation.call(ADMIN_API, { body });
    if (res.ok) { setFailure(undefined); answer.reload(); } else setFailure(res.error);
  };
  const save = () => {
    const parsed = retentionPolicySchema.safeParse({ keepLast: Number(draft.keepLast), daily: Number(draft.daily), weekly: Number(draft.weekly), monthly: Number(draft.monthly), maxAgeDays: Number(draft.maxAgeDays), timeZone: draft.timeZone });
    if (!parsed.success) { const i = parsed.error.issues[0]; return setProblem(i ? `${i.path.join('.')}: ${i.message}` : 'invalid policy'); }
    setProblem(undefined);
    void post({ action: 'update_retention', policy: parsed.data });
  };
  if (answer.loading) return <LoadingBlock />;
  if (answer.error && !answer.data) return <ApiErrorNotice error={answer.error} onRetry={answer.reload} />;
  const decisions = answer.data?.preview.decisions ?? [];
  const removing = decisions.filter((d) => d.decision === 'remove').length;
  return (
    <div className="flex flex-col gap-4">
      <form className="flex flex-wrap items-end gap-3" aria-label="Retention policy" onSubmit={(e) => { e.preventDefault(); save(); }}>
        <fieldset disabled={!canEdit} className="contents">
          {FIELDS.map(([k, label]) => <Field key={k} label={label}><Input type="number" min={0} className="w-28" value={draft[k]} onChange={(e) => setDraft((x) => ({ ...x, [k]: e.target.value }))} /></Field>)}
          <Field label="Time zone"><Input className="w-36" value={draft.timeZone} onChange={(e) => setDraft((x) => ({ ...x, timeZone: e.target.value }))} /></Field>
        </fieldset>
        {canEdit ? <Button type="submit" size="sm" disabled={mutation.pending}>Save policy</Button> : null}
      </form>
      {!answer.data?.stored ? <p className="text-xs text-slate-500">No stored policy: the environment&apos;s defaults apply.</p> : null}
      {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}
      {failure ? <ApiErrorNotice error={failure} /> : null}
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-slate-700" data-testid="retention-summary">Under this policy: {decisions.length - removing} kept, {removing} would be deleted.</p>
        {canEdit && removing > 0 ? <Button size="sm" variant="danger" disabled={mutation.pending} onClick={() => void post({ action: 'cleanup_old', dryRun: false })}>Delete {removing} now</Button> : null}
      </div>
      <div className="max-h-96 overflow-auto">
        <table className="w-full text-sm" data-testid="retention-preview">
          <caption className="sr-only">Retention decisions</caption>
          <thead><tr className="text-xs text-slate-500"><th className="py-1 pr-3 text-left font-medium">Backup</th><th className="py-1 pr-3 text-left font-medium">Decision</th><th className="py-1 text-left font-medium">Why</th></tr></thead>
          <tbody>
            {decisions.map((d) => (
              <tr key={d.backupId} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-3">{formatTime(d.createdAt)}<div className="font-mono text-[11px] text-slate-500">{d.backupId}</div></td>
                <td className="py-1 pr-3"><Badge tone={d.decision === 'keep' ? 'success' : 'danger'}>{d.decision === 'keep' ? 'keep' : 'delete'}</Badge></td>
                <td className="py-1 text-xs text-slate-600">{d.reasons.join('; ')}</td>
              </tr>
            ))}
            {decisions.length === 0 ? <tr><td colSpan={3} className="py-4 text-center text-slate-600">No backups to decide on yet.</td></tr> : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
