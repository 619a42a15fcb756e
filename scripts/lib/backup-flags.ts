/** zod schemas of the CLI's flags (argv is a boundary: parsed, never trusted). */
import { z } from 'zod';

import { UsageError } from './run-script';

const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const plainFlags = z.object({ json: z.boolean().optional() });

export const createFlags = plainFlags.extend({
  method: z.enum(['logical', 'managed'], { error: 'logical or managed' }).default('logical'),
  collections: list.optional(),
  exclude: list.optional(),
  database: z.string().regex(/^(\(default\)|[a-z][a-z0-9-]{2,62})$/, { error: 'a Firestore database id' }).optional(),
  encrypt: z.boolean().optional(),
  'no-encrypt': z.boolean().optional(),
});

/**
 * The encryption request of `create`: --encrypt insists (refused when no BACKUP_ENCRYPTION_KEY is configured),
 * --no-encrypt declines, neither follows the configuration (encrypted exactly when a key is configured).
 */
export function encryptRequest(f: { encrypt?: boolean; 'no-encrypt'?: boolean }): boolean | undefined {
  if (f.encrypt && f['no-encrypt']) throw new UsageError('create: --encrypt and --no-encrypt contradict each other; give one, or neither for the configured default');
  return f.encrypt ? true : f['no-encrypt'] ? false : undefined;
}

export const listFlags = plainFlags.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  state: z.enum(['queued', 'running', 'verifying', 'succeeded', 'failed', 'cancelled']).optional(),
});

const restoreMode = z.enum(['overwrite', 'merge', 'skip-existing', 'mirror'], { error: 'overwrite, merge, skip-existing or mirror' });

export const restoreFlags = plainFlags.extend({
  target: z.string({ error: 'required: staging, production, database:<id> or project:<id>[/<database>]' }),
  mode: restoreMode.default('overwrite'),
  only: list.optional(),
  'dry-run': z.boolean().optional(),
  confirm: z.string().max(64).optional(),
  'keep-references': z.boolean().optional(),
});

export const drFlags = plainFlags.extend({
  backup: z.string().max(128).optional(),
  execute: z.boolean().optional(),
  confirm: z.string().max(64).optional(),
  mode: restoreMode.optional(),
});
