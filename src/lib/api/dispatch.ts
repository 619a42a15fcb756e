/**
 * The `POST /api/admin/backup` dispatcher: `{ action, ...body }` parsed in two steps (the action name, then the rest
 * against that action's strict schema) so issue paths name the body's own fields.
 */
import { z } from 'zod';

import { ACTION_BODIES, ADMIN_ACTIONS, actionEnvelope, splitEnvelope, type AdminAction } from '../contracts/actions';

import { ACTION_POLICY, type ActionRequest } from './actions';
import type { ApiRole } from './roles';

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

/** The action a raw (unvalidated) envelope names, when it is a known one. */
function actionOfRaw(raw: unknown): AdminAction | undefined {
  const action = typeof raw === 'object' && raw !== null ? (raw as { action?: unknown }).action : undefined;
  return typeof action === 'string' && (ADMIN_ACTIONS as readonly string[]).includes(action) ? (action as AdminAction) : undefined;
}

/** The audit action of a raw (maybe invalid) envelope: the action's name, or `admin.unknown_action`. */
export function auditActionOfRaw(raw: unknown): string {
  const action = actionOfRaw(raw);
  return action ? ACTION_POLICY[action].audit : 'admin.unknown_action';
}

/**
 * The role the raw envelope's action needs, from the action name alone (before the body is validated, so a caller
 * without that role gets 403 rather than the schema's details); undefined when it names no known action.
 */
export function roleOfRaw(raw: unknown): ApiRole | undefined {
  const action = actionOfRaw(raw);
  return action ? ACTION_POLICY[action].role : undefined;
}
