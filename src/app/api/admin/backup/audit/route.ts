/** `GET`: audit entries newest first (`limit`, `before` seq cursor, filters by action, outcome, actor). */
import { defineRoute } from '@/lib/api/define-route';
import { auditPage } from '@/lib/api/queries';
import { auditListQuery } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  query: auditListQuery,
  handler: async ({ rt, query }) => ({ body: await auditPage(rt, query) }),
});
