/** `POST`: re-read every stored byte of a backup and check it against its manifest; answers every finding. */
import { defineRoute } from '@/lib/api/define-route';
import { backupRef } from '@/lib/contracts';
import { emptyBody } from '@/lib/api/empty-body';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = defineRoute({
  role: 'operator',
  params: backupRef,
  body: emptyBody,
  audit: { action: 'backup.verify', target: ({ params }) => params.backupId },
  handler: async ({ rt, params }) => ({ body: await rt.runtime.engine.verifyBackup(params.backupId) }),
});
