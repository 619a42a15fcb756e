/** `POST`: cancel a queued job at once, or ask a running one to stop at its next heartbeat. */
import { defineRoute } from '@/lib/api/define-route';
import { emptyBody } from '@/lib/api/empty-body';
import { jobView } from '@/lib/api/views';
import { jobRef } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = defineRoute({
  role: 'operator',
  params: jobRef,
  body: emptyBody,
  audit: { action: 'job.cancel', target: ({ params }) => params.jobId },
  handler: async ({ rt, params }) => ({ body: jobView(await rt.runtime.engine.cancelJob(params.jobId)) }),
});
