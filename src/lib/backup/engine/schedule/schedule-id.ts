/** A schedule's id, as `backup_config` stores it and the Admin API accepts it. zod only: client bundles include it. */
import { z } from 'zod';

export const scheduleIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '1-64 letters, digits, _ or -' });
