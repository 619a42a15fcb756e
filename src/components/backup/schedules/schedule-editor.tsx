'use client';

import { useState } from 'react';
import { BACKUP_METHODS, type BackupMethodName } from '@/lib/contracts/backup';
import { scheduleSchema } from '@/lib/contracts/admin';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { ADMIN_API, type ApiFailure } from '../api/api-client';
import { ApiErrorNotice } from '../api/api-status';
import { useApiMutation } from '../api/use-api';
import { parseCollections } from '../backups/create-backup-panel';
import { CronPreviewLine, type PreviewCron } from './cron-preview';

/** A schedule as the editor holds it (strings while typing). */
export interface ScheduleDraft {
  id: string;
  cron: string;
  timeZone: string;
  method: BackupMethodName;
  include: string;
  rpoTargetHours: string;
  enabled: boolean;
}

/** A stored schedule (GET /schedules) as a draft. */
export function draftOf(s: Record<string, unknown>): ScheduleDraft {
  return {
    id: String(s.id ?? ''),
    cron: String(s.cron ?? '0 3 * * *'),
    timeZone: String(s.timeZone ?? 'UTC'),
    method: s.method === 'managed' ? 'managed' : 'logical',
    include: Array.isArray(s.include) ? s.include.join(', ') : '',
    rpoTargetHours: String(s.rpoTargetHours ?? 24),
    enabled: s.enabled !== false,
  };
}

/** One schedule's form: cron with a live preview, zone, method, scope, RPO target, enabled; saved with update_schedule. */
export function ScheduleEditor({ initial, isNew, canEdit, preview, onSaved }: { initial: ScheduleDraft; isNew: boolean; canEdit: boolean; preview: PreviewCron; onSaved: () => void }) {
  const [d, setD] = useState(initial);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<ApiFailure | undefined>(undefined);
  const [saved, setSaved] = useState(false);
  const mutation = useApiMutation();
  const set = <K extends keyof ScheduleDraft>(k: K, v: ScheduleDraft[K]) => { setD((x) => ({ ...x, [k]: v })); setSaved(false); };

  const save = async () => {
    const parsed = scheduleSchema.safeParse({ id: d.id, cron: d.cron, timeZone: d.timeZone, method: d.method, include: parseCollections(d.include), rpoTargetHours: Number(d.rpoTargetHours), enabled: d.enabled });
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      return setProblem(i ? `${i.path.join('.')}: ${i.message}` : 'invalid schedule');
    }
    setProblem(undefined);
    const res = await mutation.call(ADMIN_API, { body: { action: 'update_schedule', schedule: parsed.data } });
    if (res.ok) { setFailure(undefined); setSaved(true); onSaved(); } else setFailure(res.error);
  };

  return (
    <form className="flex flex-col gap-3 rounded-md border border-slate-200 p-4" aria-label={`Schedule ${d.id || 'new'}`} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <fieldset disabled={!canEdit} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
        <Field label="Id" className="lg:col-span-1"><Input value={d.id} readOnly={!isNew} onChange={(e) => set('id', e.target.value)} /></Field>
        <Field label="Cron" className="lg:col-span-2"><Input value={d.cron} onChange={(e) => set('cron', e.target.value)} className="font-mono" /></Field>
        <Field label="Time zone"><Input value={d.timeZone} onChange={(e) => set('timeZone', e.target.value)} /></Field>
        <Field label="Method"><Select value={d.method} onChange={(e) => set('method', e.target.value as BackupMethodName)}>{BACKUP_METHODS.map((m) => <option key={m}>{m}</option>)}</Select></Field>
        <Field label="RPO target (h)"><Input type="number" min={1} value={d.rpoTargetHours} onChange={(e) => set('rpoTargetHours', e.target.value)} /></Field>
        <Field label="Collections" className="sm:col-span-2 lg:col-span-4"><Input value={d.include} onChange={(e) => set('include', e.target.value)} placeholder="all collections" /></Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm lg:col-span-2"><input type="checkbox" checked={d.enabled} onChange={(e) => set('enabled', e.target.checked)} />Enabled</label>
      </fieldset>
      <CronPreviewLine cron={d.cron} timeZone={d.timeZone} preview={preview} />
      {problem ? <p role="alert" className="text-sm text-red-700">{problem}</p> : null}
      {failure ? <ApiErrorNotice error={failure} /> : null}
      {canEdit ? <div className="flex items-center gap-3"><Button type="submit" size="sm" disabled={mutation.pending}>{isNew ? 'Add schedule' : 'Save schedule'}</Button>{saved ? <span role="status" className="text-xs text-emerald-700">Saved</span> : null}</div> : null}
    </form>
  );
}
