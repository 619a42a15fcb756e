/** `GET`: the backup schedules in `backup_config` and the RPO target they set; change them with update_schedule. */
import { defineRoute } from '@/lib/api/define-route';
import { schedulesView } from '@/lib/api/ops-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  handler: async ({ rt }) => ({ body: await schedulesView(rt) }),
});
