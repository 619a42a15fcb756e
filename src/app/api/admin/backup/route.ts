/** `POST { action, ...body }`: the action dispatcher (per-action roles); `GET`: the dashboard with the engine's health. */
import { runAction, actionTarget } from '@/lib/api/actions';
import { defineRoute } from '@/lib/api/define-route';
import { actionRequestSchema, auditActionOfRaw, roleOfRaw } from '@/lib/api/dispatch';
import { dashboardSummary } from '@/lib/api/queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  handler: async ({ rt }) => ({ body: await dashboardSummary(rt) }),
});

export const POST = defineRoute({
  role: 'operator',
  body: actionRequestSchema,
  roleFor: roleOfRaw,
  audit: { action: auditActionOfRaw, target: ({ body }) => actionTarget(body) },
  handler: ({ body, rt, caller, ip }) => runAction(body, { rt, caller, ip }),
});
