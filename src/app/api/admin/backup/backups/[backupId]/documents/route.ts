/** `GET`: a backup's collections and, with `?collection=`, a page of that collection's documents (`pageSize`, `after`). */
import { browseDocuments } from '@/lib/api/browse';
import { defineRoute } from '@/lib/api/define-route';
import { backupRef, browseDocumentsQuery } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  params: backupRef,
  query: browseDocumentsQuery,
  handler: async ({ rt, params, query }) => ({ body: await browseDocuments(rt.runtime.engine, params.backupId, query) }),
});
