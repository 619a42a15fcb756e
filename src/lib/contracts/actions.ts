/**
 * The `POST /api/admin/backup` envelope `{ action, ...body }`: one schema per action. The envelope is parsed in two
 * steps (the action name, then the rest against that action's schema) so error paths name the body's own fields.
 */
import { z } from 'zod';

import { approveRestoreRequest, disasterRecoveryRequest, restoreToStagingRequest } from './restore';
import { backupRef, clearLegalHoldRequest, createBackupRequest, jobRef, setLegalHoldRequest } from './backup';
import { cleanupOldRequest, initializeRequest, runDrillRequest, scheduledTickRequest, updateRetentionRequest, updateScheduleRequest } from './admin';

export const ADMIN_ACTIONS = [
  'create_backup',
  'verify_backup',
  'cancel_job',
  'restore_to_staging',
  'disaster_recovery',
  'approve_restore',
  'cleanup_old',
  'run_drill',
  'set_legal_hold',
  'clear_legal_hold',
  'update_schedule',
  'update_retention',
  'initialize',
  'scheduled_tick',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** The body schema of each action (without the `action` field). */
export const ACTION_BODIES = {
  create_backup: createBackupRequest,
  verify_backup: backupRef,
  cancel_job: jobRef,
  restore_to_staging: restoreToStagingRequest,
  disaster_recovery: disasterRecoveryRequest,
  approve_restore: approveRestoreRequest,
  cleanup_old: cleanupOldRequest,
  run_drill: runDrillRequest,
  set_legal_hold: setLegalHoldRequest,
  clear_legal_hold: clearLegalHoldRequest,
  update_schedule: updateScheduleRequest,
  update_retention: updateRetentionRequest,
  initialize: initializeRequest,
  scheduled_tick: scheduledTickRequest,
} as const satisfies Record<AdminAction, z.ZodType>;

export type ActionBody<A extends AdminAction> = z.output<(typeof ACTION_BODIES)[A]>;

/** First step of the envelope: a known action name; the other fields are checked by the action's schema. */
export const actionEnvelope = z.looseObject({ action: z.enum(ADMIN_ACTIONS) });

/** Splits `{ action, ...rest }`; callers parse `rest` with `ACTION_BODIES[action]`. */
export function splitEnvelope(body: { action: AdminAction } & Record<string, unknown>): { action: AdminAction; rest: Record<string, unknown> } {
  const { action, ...rest } = body;
  return { action, rest };
}
