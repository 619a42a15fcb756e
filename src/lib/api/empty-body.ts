/** The body of POST routes that take everything from the path: nothing, or `{}`. */
import { z } from 'zod';

export const emptyBody = z.object({}).strict();
