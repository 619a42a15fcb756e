/** Audit log queries. */
import { z } from 'zod';

/** GET audit: newest first; `before` is the seq cursor (entries with a lower seq). */
export const auditListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: z.coerce.number().int().positive().optional(),
    action: z.string().max(100).regex(/^[a-z_.]+$/, { error: 'an action name such as backup.create' }).optional(),
    outcome: z.enum(['ok', 'refused', 'failed']).optional(),
    actor: z.string().max(320).optional(),
  })
  .strict();
export type AuditListQuery = z.output<typeof auditListQuery>;

/** GET audit/verify: incremental from the last verified position by default; `full=true` re-hashes from seq 1. */
export const auditVerifyQuery = z
  .object({ full: z.enum(['true', 'false'], { error: 'true or false' }).default('false').transform((v) => v === 'true') })
  .strict();
export type AuditVerifyQuery = z.output<typeof auditVerifyQuery>;
