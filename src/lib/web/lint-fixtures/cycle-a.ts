/** A deliberate import cycle with cycle-b.ts ("no-circular"); excluded from `npm run lint`, cruised by scripts/dependency-rules.test.ts. */
import { b } from './cycle-b';

export const a = (): string => `a${b.name}`;
