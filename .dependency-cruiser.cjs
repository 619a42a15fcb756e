// Import rules that ESLint cannot see because they follow imports transitively (docs/architecture.md, "The dependency
// rule"): one front door into the engine, no engine code in client bundles, no import cycles. Run by `npm run lint`
// (`depcruise src scripts`); scripts/dependency-rules.test.ts proves each rule fails a deliberate violation.
//
// Tests (`*.test.ts`, `*.int.test.ts`) and testing helpers (`testing/`, `src/test/`) may import engine internals:
// they test them. They are exempt from the front-door rule, not from the cycle rule.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const TESTS = '(\\.test\\.tsx?$|/testing/|^src/test/)';

/** Files that start with the `'use client'` directive: Next.js bundles them, and all they import, for the browser. */
function clientEntryPoints(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...clientEntryPoints(path));
    else if (/\.tsx?$/.test(entry.name) && /^\s*['"]use client['"]/.test(readFileSync(path, 'utf8'))) found.push(path);
  }
  return found;
}
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CLIENT = `^(${clientEntryPoints('src').map(escape).join('|')}|src/components/|src/lib/contracts/)`;

/** The engine modules client code may reach: pure, no imports but zod and each other (see client-safe.ts). */
const CLIENT_SAFE = '^src/lib/backup/(client-safe|errors|control-collections|job-states|restore-target|restore-modes|ports|engine/schedule/(parse-cron|zoned-time|schedule-id)|format/not-encrypted-reason)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'one-front-door',
      comment:
        'Code outside the engine imports src/lib/backup only through index.ts (use cases and types) and composition.ts ' +
        '(wiring and configuration); contracts import the zod-only client-safe.ts. Tests and testing helpers are exempt.',
      severity: 'error',
      from: { path: '^(src/app|src/components|src/lib/(api|contracts|local|demo|web)|scripts)/', pathNot: TESTS },
      to: { path: '^src/lib/backup/', pathNot: '^src/lib/backup/(index|composition|client-safe)\\.ts$' },
    },
    {
      name: 'no-engine-in-client-bundles',
      comment:
        "'use client' files, components and contracts must not reach engine code, directly or through any chain of " +
        'imports (type-only imports count too: keep them off the chain). Only the pure modules behind client-safe.ts may be reached.',
      severity: 'error',
      from: { path: CLIENT, pathNot: TESTS },
      to: { path: '^src/lib/backup/', pathNot: CLIENT_SAFE, reachable: true },
    },
    {
      name: 'no-sdk-in-client-bundles',
      comment: 'Client code never reaches firebase-admin or the Google Cloud SDKs.',
      severity: 'error',
      from: { path: CLIENT, pathNot: TESTS },
      to: { path: 'node_modules/(firebase-admin|@google-cloud)/', reachable: true },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make initialisation order matter and hide layering mistakes: move the shared piece down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // lint-fixtures/ hold deliberate violations; scripts/dependency-rules.test.ts cruises them on purpose.
    exclude: { path: '(^|/)(node_modules|\\.next|\\.data|coverage|lint-fixtures)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    skipAnalysisNotInRules: true,
  },
};
