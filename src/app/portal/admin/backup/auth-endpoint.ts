import { ConfigError, type Env, loadEngineConfig } from '@/lib/backup';
import type { AuthEndpoint } from '@/components/backup/session/auth-client';

/**
 * Where browsers sign in, read from the server's environment on each request (not inlined at build time, so one
 * build serves any deployment): the web API key, and the Auth emulator's host in local mode. A broken configuration
 * is reported, not thrown, so the portal can say what is wrong — to anyone who opens the page, signed in or not, so
 * only which variables and what they expect (`publicProblems`); the values given (URLs, paths) go to the server log.
 */
export function portalAuthEndpoint(
  env?: Env,
  log: (line: string) => void = console.error,
): { endpoint: AuthEndpoint; projectId: string } | { configError: string[] } {
  try {
    const config = loadEngineConfig(env);
    return { endpoint: { apiKey: config.webApiKey, emulatorHost: config.emulators.authHost }, projectId: config.projectId };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    log(`portal: ${err.message}`);
    return { configError: err.publicProblems };
  }
}
