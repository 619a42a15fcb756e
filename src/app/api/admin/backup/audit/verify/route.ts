/** `GET`: re-hash the whole audit trail and name the first tampered, missing or truncated entry. */
import { defineRoute } from '@/lib/api/define-route';
import { auditChain } from '@/lib/api/queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  handler: async ({ rt }) => ({ body: await auditChain(rt) }),
});
