/** `GET`: backups, newest first (`limit`, `cursor`, `state`, `method`); `POST`: start a backup (202 + jobId). */
import { createBackupAction } from '@/lib/api/actions';
import { defineRoute } from '@/lib/api/define-route';
import { listBackupsPage } from '@/lib/api/queries';
import { createBackupRequest, listBackupsQuery } from '@/lib/contracts';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  query: listBackupsQuery,
  handler: async ({ rt, query }) => ({ body: await listBackupsPage(rt, query) }),
});

export const POST = defineRoute({
  role: 'operator',
  body: createBackupRequest,
  audit: { action: 'backup.create' },
  handler: ({ body, rt, caller }) => createBackupAction(body, { rt, caller }),
});
