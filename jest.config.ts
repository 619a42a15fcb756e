import type { Config } from 'jest';

/**
 * Two projects: `unit` (pure code, in-memory adapters, a fixed clock) and `integration` (`*.int.test.ts`, against the
 * real Cloud Firestore and Firebase Auth emulators, which the global setup starts on free loopback ports), and
 * `browser` (`e2e/*.e2e.test.ts`: the built portal in headless Chromium, over its own emulators and `next start`).
 */
const transform: Config['transform'] = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
const moduleNameMapper = { '^@/(.*)$': '<rootDir>/src/$1' };
const testPathIgnorePatterns = ['/node_modules/', '/.next/', '/.data/'];

const config: Config = {
  // Each integration file starts its own SDK clients; two workers keep the 2-core machine responsive.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      setupFilesAfterEnv: ['<rootDir>/src/test/setup-unit.ts'],
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/scripts/**/*.test.ts'],
      testPathIgnorePatterns: [...testPathIgnorePatterns, '\\.int\\.test\\.ts$'],
    },
    {
      displayName: 'integration',
      setupFilesAfterEnv: ['<rootDir>/src/test/setup-integration.ts'],
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/src/**/*.int.test.ts', '<rootDir>/scripts/**/*.int.test.ts'],
      // Runs only when integration tests are selected, so `npm run test:unit` needs no Java.
      globalSetup: '<rootDir>/src/test/global-setup.ts',
      globalTeardown: '<rootDir>/src/test/global-teardown.ts',
      testPathIgnorePatterns,
    },
    {
      displayName: 'browser',
      setupFilesAfterEnv: ['<rootDir>/src/test/setup-browser.ts'],
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
      // Builds the app once (cached on .next/BUILD_ID) and serves it; runs only when browser tests are selected.
      globalSetup: '<rootDir>/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/e2e/support/global-teardown.ts',
      testPathIgnorePatterns,
    },
  ],
};

export default config;
