'use client';

/**
 * A deliberate violation of "no-engine-in-client-bundles" (.dependency-cruiser.cjs): a client module with no engine
 * import of its own that still reaches the engine through engine-helper.ts. Excluded from `npm run lint`;
 * scripts/dependency-rules.test.ts cruises it and expects the error.
 */
import { cronText } from './engine-helper';

export const label = (cron: string): string => cronText(cron);
