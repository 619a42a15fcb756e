/** `GET`: one document of a backup with its typed fields (Firestore REST Value JSON). */
import { readBackupDocument } from '@/lib/api/browse';
import { defineRoute } from '@/lib/api/define-route';
import { documentPathParams } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  params: documentPathParams,
  handler: async ({ rt, params }) => ({ body: await readBackupDocument(rt.runtime.engine, params.backupId, params.path) }),
});
