/**
 * `GET [?full=true]`: verify the audit trail — from the last verified position (default) or from seq 1 — against its
 * key, its head and the newest bucket checkpoint, and name the first tampered, missing or truncated entry.
 */
import { defineRoute } from '@/lib/api/define-route';
import { auditChain } from '@/lib/api/queries';
import { auditVerifyQuery } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  query: auditVerifyQuery,
  handler: async ({ rt, query }) => ({ body: await auditChain(rt, query) }),
});
