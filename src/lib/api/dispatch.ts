/**
 * The `POST /api/admin/backup` dispatcher: `{ action, ...body }` parsed in two steps (the action name, then the rest
 * against that action's strict schema) so issue paths name the body's own fields.
 */
import { z } from 'zod';

import { ACTION_BODIES, ADMIN_ACTIONS, actionEnvelope, splitEnvelope, type AdminAction } from '../contracts/actions';

import { ACTION_POLICY, type ActionRequest } from './actions';

/** The whole envelope as one zod schema (for defineRoute and for the OpenAPI document). */
export const actionRequestSchema: z.ZodType<ActionRequest> = actionEnvelope.transform((envelope, ctx) => {
  const { action, rest } = splitEnvelope(envelope);
  const r = ACTION_BODIES[action].safeParse(rest);
  if (!r.success) {
    for (const issue of r.error.issues) {
      const path = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
      for (const p of path) ctx.addIssue({ code: 'custom', message: issue.code === 'unrecognized_keys' ? 'unknown field' : issue.message, path: p });
    }
    return z.NEVER;
  }
  return { action, body: r.data } as ActionRequest;
}) as unknown as z.ZodType<ActionRequest>;

function isAction(value: unknown): value is AdminAction {
  return typeof value === 'string' && (ADMIN_ACTIONS as readonly string[]).includes(value);
}

/** The audit action of a raw (maybe invalid) envelope: the action's name, or `admin.unknown_action`. */
export function auditActionOfRaw(raw: unknown): string {
  const action = typeof raw === 'object' && raw !== null ? (raw as { action?: unknown }).action : undefined;
  return isAction(action) ? ACTION_POLICY[action].audit : 'admin.unknown_action';
}
