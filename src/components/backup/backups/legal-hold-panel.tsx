'use client';

import { Lock, LockOpen } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { setLegalHoldRequest } from '@/lib/contracts/backup';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { ADMIN_API, type ApiFailure } from '../api/api-client';
import { ApiErrorNotice } from '../api/api-status';
import { useApiMutation } from '../api/use-api';
import type { BackupFacts } from '../backup-result';
import { formatTime } from '../presentation';

/** Sets or clears a legal hold (admins), with the reason the audit trail keeps. */
export function LegalHoldPanel({ backupId, hold, canEdit, onChanged }: { backupId: string; hold: BackupFacts['legalHold']; canEdit: boolean; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<ApiFailure | undefined>(undefined);
  const mutation = useApiMutation();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = setLegalHoldRequest.safeParse({ backupId, reason });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message);
      return;
    }
    setProblem(undefined);
    const res = await mutation.call(ADMIN_API, { body: { action: hold ? 'clear_legal_hold' : 'set_legal_hold', ...parsed.data } });
    if (res.ok) {
      setFailure(undefined);
      setReason('');
      onChanged();
    } else setFailure(res.error);
  };

  return (
    <div className="flex flex-col gap-3" data-testid="legal-hold">
      <p className="flex items-center gap-2 text-sm">
        {hold ? <Lock aria-hidden="true" className="size-4 text-amber-700" /> : <LockOpen aria-hidden="true" className="size-4 text-slate-500" />}
        {hold ? <span>Held since {formatTime(hold.setAt)} by {hold.setBy}: <q>{hold.reason}</q>. Retention will not delete it.</span> : <span>No legal hold: retention may delete this backup when its policy says so.</span>}
      </p>
      {canEdit ? (
        <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => void submit(e)} aria-label={hold ? 'Clear legal hold' : 'Set legal hold'}>
          <Field label={hold ? 'Reason for clearing' : 'Reason for the hold'} error={problem} className="min-w-64 flex-1">
            <Input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={hold ? 'e.g. case closed' : 'e.g. litigation 2026-17'} />
          </Field>
          <Button type="submit" variant={hold ? 'secondary' : 'primary'} disabled={mutation.pending}>{hold ? 'Clear legal hold' : 'Set legal hold'}</Button>
        </form>
      ) : <p className="text-xs text-slate-500">Only admins set or clear legal holds.</p>}
      {failure ? <ApiErrorNotice error={failure} /> : null}
    </div>
  );
}
