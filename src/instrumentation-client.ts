import { z } from 'zod';

/**
 * Runs in the browser before the portal hydrates. zod 4 compiles object parsers with `new Function` after probing
 * whether eval is allowed; under the portal's CSP (no 'unsafe-eval', src/lib/web/security-headers.ts) the probe
 * itself is a reported violation. The browser only parses small forms, so the interpreted parser costs nothing there.
 */
z.config({ jitless: true });
