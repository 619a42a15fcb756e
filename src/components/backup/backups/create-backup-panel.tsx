'use client';

import { Plus, X } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { createBackupRequest, BACKUP_METHODS, type BackupMethodName } from '@/lib/contracts/backup';
import type { JobAccepted, JobView } from '@/lib/contracts/responses';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field, Input, Select } from '@/components/ui/field';
import { ADMIN_API, fieldIssues, type ApiFailure } from '../api/api-client';
import { ApiErrorNotice } from '../api/api-status';
import { useApiMutation, useApiQuery } from '../api/use-api';
import { JobProgress, StateBadge } from '../job-bits';
import { presentState } from '../presentation';

/** Splits "users, orders" into patterns; empty = everything. */
export function parseCollections(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Follows one job until it ends, every 1.5 s while it is active. */
export function useJob(jobId: string | undefined) {
  return useApiQuery<JobView>(jobId ? `${ADMIN_API}/jobs/${encodeURIComponent(jobId)}` : null, { pollMs: (j) => (j && !presentState(j.state).active ? undefined : 1_500) });
}

/** The form's state and its submit: validated with the API's own schema, then POSTed; kept while a job runs. */
function useCreateBackup() {
  const [method, setMethod] = useState<BackupMethodName>('logical');
  const [collections, setCollections] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<ApiFailure | undefined>(undefined);
  const [jobId, setJobId] = useState<string | undefined>(undefined);
  const mutation = useApiMutation();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const list = parseCollections(collections);
    const parsed = createBackupRequest.safeParse({ method, ...(list.length ? { collections: list } : {}) });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message);
      return;
    }
    setProblem(undefined);
    const res = await mutation.call<JobAccepted>(`${ADMIN_API}/backups`, { body: parsed.data });
    if (res.ok) {
      setFailure(undefined);
      setJobId(res.data.jobId);
    } else {
      setFailure(res.error);
      setProblem(fieldIssues(res.error).collections);
    }
  };
  const form: CreateBackupFormProps = { method, setMethod, collections, setCollections, problem, pending: mutation.pending, submit };
  return { form, failure, jobId, setJobId };
}

interface CreateBackupFormProps {
  method: BackupMethodName;
  setMethod(method: BackupMethodName): void;
  collections: string;
  setCollections(text: string): void;
  problem: string | undefined;
  pending: boolean;
  submit(e: FormEvent): Promise<void>;
}

function CreateBackupForm({ method, setMethod, collections, setCollections, problem, pending, submit }: CreateBackupFormProps) {
  return (
    <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => void submit(e)} aria-label="Create backup">
      <Field label="Method">
        <Select value={method} onChange={(e) => setMethod(e.target.value as BackupMethodName)}>
          {BACKUP_METHODS.map((m) => <option key={m} value={m}>{m === 'logical' ? 'logical (per-document restore; encrypted when a key is configured)' : 'managed (Firestore export; not encrypted by the console)'}</option>)}
        </Select>
      </Field>
      <Field label="Collections" hint="Comma-separated patterns (users, users/*/events); empty = everything" error={problem} className="min-w-64 flex-1">
        <Input value={collections} onChange={(e) => setCollections(e.target.value)} placeholder="all collections" />
      </Field>
      <Button type="submit" disabled={pending}>{pending ? 'Starting…' : 'Start backup'}</Button>
    </form>
  );
}

/** The started job: state, live progress, its error, and a way to start another once it ends. */
function CreateBackupJob({ jobId, job, ended, onAnother }: { jobId: string; job: JobView | undefined; ended: boolean; onAnother: () => void }) {
  return (
    <div className="flex flex-col gap-3" data-testid="create-backup-job">
      <p className="flex items-center gap-2 text-sm">
        Job <span className="font-mono text-xs">{jobId}</span>
        <StateBadge state={job?.state ?? 'queued'} />
      </p>
      <JobProgress state={job?.state ?? 'queued'} progress={job?.progress ?? null} />
      {job?.error ? <p role="alert" className="text-sm text-red-700">{job.error.message}</p> : null}
      {ended ? <Button variant="secondary" className="self-start" onClick={onAnother}>Start another</Button> : null}
    </div>
  );
}

/** "Create backup": method and collections, validated with the API's own schema, then live progress until verified. */
export function CreateBackupPanel({ onDone }: { onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const { form, failure, jobId, setJobId } = useCreateBackup();
  const job = useJob(jobId);

  const ended = job.data !== undefined && !presentState(job.data.state).active;
  // The catalogue shows the new job at once and its final state as soon as it ends.
  useEffect(() => {
    if (jobId !== undefined) onDone();
  }, [jobId, ended, onDone]);
  if (!open) {
    return (
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" className="size-4" />
        Create backup
      </Button>
    );
  }
  return (
    <Card className="w-full">
      <CardHeader className="flex-row items-center justify-between">
        <CardTitle>Create a backup</CardTitle>
        <Button size="sm" variant="ghost" aria-label="Close" onClick={() => { setOpen(false); setJobId(undefined); }}>
          <X aria-hidden="true" className="size-4" />
        </Button>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {jobId === undefined ? <CreateBackupForm {...form} /> : <CreateBackupJob jobId={jobId} job={job.data} ended={ended} onAnother={() => setJobId(undefined)} />}
        {failure ? <ApiErrorNotice error={failure} /> : null}
      </CardContent>
    </Card>
  );
}
