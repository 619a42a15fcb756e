/** `GET`: one restore job: state, progress, approval, and when done the diff, totals, verification and RTO. */
import { defineRoute } from '@/lib/api/define-route';
import { restoreDetail } from '@/lib/api/ops-queries';
import { restoreRef } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  params: restoreRef,
  handler: async ({ rt, params }) => ({ body: await restoreDetail(rt, params.restoreId) }),
});
