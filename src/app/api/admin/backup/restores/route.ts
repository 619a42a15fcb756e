/** `GET`: restore jobs, newest first (`limit`, `cursor`, `state`); start one with the restore_to_staging action. */
import { defineRoute } from '@/lib/api/define-route';
import { listRestoresPage } from '@/lib/api/ops-queries';
import { listRestoresQuery } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  query: listRestoresQuery,
  handler: async ({ rt, query }) => ({ body: await listRestoresPage(rt, query) }),
});
