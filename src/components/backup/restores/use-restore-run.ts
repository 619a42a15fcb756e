'use client';

import { useState } from 'react';
import type { JobAccepted } from '@/lib/contracts/responses';
import { ADMIN_API, type ApiFailure } from '../api/api-client';
import { useApiMutation } from '../api/use-api';
import { useJob } from '../backups/create-backup-panel';

/** Starts a restore action (dry run or real) and follows its job. */
export function useRestoreRun() {
  const mutation = useApiMutation();
  const [jobId, setJobId] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<ApiFailure | undefined>(undefined);
  const [accepted, setAccepted] = useState<(JobAccepted & { awaitingApproval?: boolean }) | undefined>(undefined);
  const job = useJob(jobId);
  const start = async (body: Record<string, unknown>) => {
    setFailure(undefined);
    setJobId(undefined);
    const res = await mutation.call<JobAccepted & { awaitingApproval?: boolean }>(ADMIN_API, { body });
    if (res.ok) {
      setAccepted(res.data);
      setJobId(res.data.jobId);
    } else setFailure(res.error);
  };
  const reset = () => {
    setJobId(undefined);
    setFailure(undefined);
    setAccepted(undefined);
  };
  return { start, reset, pending: mutation.pending, jobId, job: job.data, failure, accepted };
}
