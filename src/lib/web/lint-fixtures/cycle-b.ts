/** The other half of the cycle-a.ts fixture. */
import { a } from './cycle-a';

export const b = { name: 'b', a };
