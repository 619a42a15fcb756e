import { ConfigError, loadEngineConfig } from '@/lib/backup/config';
import type { AuthEndpoint } from '@/components/backup/session/auth-client';

/**
 * Where browsers sign in, read from the server's environment on each request (not inlined at build time, so one
 * build serves any deployment): the web API key, and the Auth emulator's host in local mode. A broken configuration
 * is reported, not thrown, so the portal can say what is wrong.
 */
export function portalAuthEndpoint(): { endpoint: AuthEndpoint; projectId: string } | { configError: string } {
  try {
    const config = loadEngineConfig();
    return { endpoint: { apiKey: config.webApiKey, emulatorHost: config.emulators.authHost }, projectId: config.projectId };
  } catch (err) {
    if (err instanceof ConfigError) return { configError: err.message };
    throw err;
  }
}
