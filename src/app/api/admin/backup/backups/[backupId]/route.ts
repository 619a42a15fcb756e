/** `GET`: one backup's catalog entry and its manifest from the bucket. */
import { defineRoute } from '@/lib/api/define-route';
import { backupDetail } from '@/lib/api/queries';
import { backupRef } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  params: backupRef,
  handler: async ({ rt, params }) => ({ body: await backupDetail(rt, params.backupId) }),
});
