/** `GET`: the newest drill reports (steps, RTO, readiness checklist); `POST`: start a drill (202 + jobId). */
import { defineRoute } from '@/lib/api/define-route';
import { runDrillAction } from '@/lib/api/ops-actions';
import { drillReports } from '@/lib/api/ops-queries';
import { drillListQuery, runDrillRequest } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  query: drillListQuery,
  handler: async ({ rt, query }) => ({ body: await drillReports(rt, query) }),
});

export const POST = defineRoute({
  role: 'operator',
  body: runDrillRequest,
  audit: { action: 'drill.run' },
  handler: ({ body, rt, caller, ip }) => runDrillAction(body, { rt, caller, ip }),
});
