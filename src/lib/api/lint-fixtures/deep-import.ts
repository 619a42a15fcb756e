/**
 * A deliberate violation of "one-front-door" (.dependency-cruiser.cjs): API code reaching past index.ts into engine
 * internals, once with the `@/` alias and once relatively. Excluded from `npm run lint`; scripts/dependency-rules.test.ts
 * cruises it and expects the error.
 */
import { EngineError } from '@/lib/backup/errors';
import { parseCron } from '../../backup/engine/schedule/parse-cron';

export const deepImports = [EngineError, parseCron] as const;
