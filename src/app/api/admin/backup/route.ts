/** `POST { action, ...body }`: the action dispatcher (per-action roles); `GET`: the dashboard with the engine's health. */
import { runAction, actionTarget, ACTION_POLICY } from '@/lib/api/actions';
import { defineRoute } from '@/lib/api/define-route';
import { actionRequestSchema, auditActionOfRaw } from '@/lib/api/dispatch';
import { dashboardSummary } from '@/lib/api/queries';
import { clientIp } from '@/lib/api/request-meta';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = defineRoute({
  role: 'viewer',
  handler: async ({ rt }) => ({ body: await dashboardSummary(rt) }),
});

export const POST = defineRoute({
  role: 'operator',
  body: actionRequestSchema,
  roleFor: ({ body }) => ACTION_POLICY[body.action].role,
  audit: { action: auditActionOfRaw, target: ({ body }) => actionTarget(body) },
  handler: ({ body, rt, caller, req }) => runAction(body, { rt, caller, ip: clientIp(req) }),
});
