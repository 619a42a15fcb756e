/** `GET`: a job's state, progress, error and result (poll it after a 202). */
import { defineRoute } from '@/lib/api/define-route';
import { jobView } from '@/lib/api/views';
import { jobRef } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  params: jobRef,
  handler: async ({ rt, params }) => ({ body: jobView(await rt.runtime.engine.getJob(params.jobId)) }),
});
