/**
 * The API's process-wide runtime: the engine runtime (composition.ts), the audit trail, the Firebase Auth verifier,
 * the rate limiter. Created lazily on the first request from `loadEngineConfig()`, which also starts the in-process
 * worker so a 202 job actually runs. Tests build their own with `createApiRuntime` and install it with
 * `setRuntimeForTests`.
 */
import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';

import { createRuntime, type Runtime } from '../backup/composition';
import { type AnchoredAuditLog, type Clock, type EngineConfig, loadEngineConfig } from '../backup';

import type { AuthenticatorOptions, OidcVerifier } from './auth';
import type { ServerLog } from './errors';
import { createGoogleOidcVerifier } from './google-oidc';
import { peerStampingActive } from './peer-address';
import { RequestLimits, type Budget } from './rate-limit';
import { RefusalTally } from './refusal-tally';
import type { ClientAddressPolicy } from './request-meta';

export interface ApiRuntime {
  runtime: Runtime;
  audit: AnchoredAuditLog;
  authn: AuthenticatorOptions;
  limiter: RequestLimits;
  /** Unauthenticated refusals, audited once per window (refusal-tally.ts). */
  refusals: RefusalTally;
  /** How the client address is found (request-meta.ts `clientIp`). */
  addressPolicy: ClientAddressPolicy;
  clock: Clock;
  log: ServerLog;
  close(): Promise<void>;
}

export interface ApiRuntimeOptions {
  /**
   * The project whose users sign in (the `aud` of their ID tokens); default: the backed-up project. Differs in tests,
   * where the Auth emulator signs everyone into one shared project.
   */
  authProjectId?: string;
  oidc?: OidcVerifier;
  oidcAudiences?: string[];
  /** Mutating requests per caller: burst and refill. Default 20 at once, then one every 3 s. */
  rateLimit?: Budget;
  /** Reads per caller; default 300 at once, then 5 a second. */
  readLimit?: Budget;
  /** Requests per address of callers that are not signed in; default 30 at once, then one a second. */
  anonymousLimit?: Budget;
  /** Trust the peer-address header (default: whether this process's server stamps it, peer-address.ts). */
  peerStamped?: boolean;
  clock?: Clock;
  log?: ServerLog;
  /** Start the in-process worker (default true); `workerPollMs` is its idle poll interval. */
  startWorker?: boolean;
  workerPollMs?: number;
}

const systemClock: Clock = { now: () => new Date() };

function firebaseApp(projectId: string): App {
  const name = `backup-api-${projectId}`;
  return getApps().find((a) => a.name === name) ?? initializeApp({ projectId }, name);
}

/** Builds the API runtime over `config`. */
export function createApiRuntime(config: EngineConfig, opts: ApiRuntimeOptions = {}): ApiRuntime {
  const log: ServerLog = opts.log ?? ((line, err) => console.error(line, err ?? ''));
  const runtime = createRuntime(config, { log: (line) => log(line) });
  const clock = opts.clock ?? systemClock;
  const authn: AuthenticatorOptions = {
    auth: getAuth(firebaseApp(opts.authProjectId ?? config.projectId)),
    emulator: config.emulators.authHost !== undefined,
    scheduler: config.scheduler,
    oidc: opts.oidc ?? (config.scheduler.serviceAccount ? createGoogleOidcVerifier() : undefined),
    oidcAudiences: opts.oidcAudiences,
  };
  if (opts.startWorker ?? true) runtime.worker.start(opts.workerPollMs);
  const refusals = new RefusalTally({ clock, log, append: (entry) => runtime.audit.append(entry) });
  return {
    runtime,
    audit: runtime.audit,
    authn,
    limiter: new RequestLimits({ write: opts.rateLimit, read: opts.readLimit, anonymous: opts.anonymousLimit }, clock),
    refusals,
    addressPolicy: { trustedProxyHops: config.trustedProxyHops ?? 0, peerStamped: opts.peerStamped ?? peerStampingActive() },
    clock,
    log,
    close: async () => {
      await refusals.flush();
      await runtime.close();
    },
  };
}

// On globalThis so Next.js dev-mode module reloads share one runtime (and one worker) per process.
const holder = globalThis as typeof globalThis & { __backupApiRuntime__?: ApiRuntime };

/** The process-wide runtime, created on first use. */
export function getApiRuntime(): ApiRuntime {
  holder.__backupApiRuntime__ ??= createApiRuntime(loadEngineConfig());
  return holder.__backupApiRuntime__;
}

/** Installs (or with undefined, forgets) the runtime the routes use. Tests only. */
export function setRuntimeForTests(rt: ApiRuntime | undefined): void {
  holder.__backupApiRuntime__ = rt;
}

/** Closes the process-wide runtime if one was created (on shutdown: the window of refusals is audited, the worker stops). */
export async function closeApiRuntime(): Promise<void> {
  const rt = holder.__backupApiRuntime__;
  holder.__backupApiRuntime__ = undefined;
  await rt?.close();
}
