/** `GET`: the retention policy in force and a preview of which backups it keeps or deletes, and why. */
import { defineRoute } from '@/lib/api/define-route';
import { retentionView } from '@/lib/api/ops-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  handler: async ({ rt }) => ({ body: await retentionView(rt) }),
});
