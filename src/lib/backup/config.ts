/**
 * The only reader of `process.env` in the project (enforced by ESLint).
 *
 * Every variable is parsed with zod once; a wrong value fails at start with a message naming the variable and what
 * was expected (ConfigError), never a stack trace. `.env.example` documents each variable with its default.
 */
import { z } from 'zod';

import { stagingTargetSchema, type StagingTarget } from './restore-target';

/** A bad environment: the message names every offending variable and what it expected. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }

  /**
   * The problems without the values that were given (URLs, paths, project ids): what a page shown to anyone, signed in
   * or not, may say. Each line names the variable and what it expects; the full message goes to the server log.
   */
  get publicProblems(): string[] {
    return this.problems.map((p) => {
      const m = /^([A-Z][A-Z0-9_]*): (expected [^;]*); (?:got .*|it is not set)$/s.exec(p);
      if (m?.[1] === undefined) return `${/^[A-Z][A-Z0-9_]*/.exec(p)?.[0] ?? 'a variable'}: invalid (details in the server log)`;
      return p.endsWith('it is not set') ? p : `${m[1]}: ${m[2]}`;
    });
  }
}

export type Env = Record<string, string | undefined>;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
// zod v4 returns a default as-is (it is an output value, not parsed), so defaults are given in output form.
const withDefault = <T extends z.ZodType>(schema: T, value: z.output<T>) =>
  z.preprocess(emptyToUndefined, schema.default(value as never));

const intFrom = (min: number, max: number) =>
  z.coerce
    .number({ error: `a whole number from ${min} to ${max}` })
    .int({ error: `a whole number from ${min} to ${max}` })
    .min(min, { error: `a whole number from ${min} to ${max}` })
    .max(max, { error: `a whole number from ${min} to ${max}` });

const bool = z.enum(['true', 'false', '1', '0'], { error: 'true or false' }).transform((v) => v === 'true' || v === '1');

/** Firestore project ids: 6–30 chars, lowercase letters, digits, hyphens (https://cloud.google.com/resource-manager/docs/creating-managing-projects). */
const projectId = z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
  error: 'a Google Cloud project id (6-30 lowercase letters, digits or hyphens, e.g. my-app-prod or demo-backup)',
});
const databaseId = z.string().regex(/^(\(default\)|[a-z][a-z0-9-]{2,62})$/, {
  error: 'a Firestore database id: (default) or 4-63 lowercase letters, digits or hyphens starting with a letter',
});
const bucketUrl = z.string().regex(/^(gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](\/[^\s]*)?|file:\/\/\/[^\0]*)$/, {
  error: 'a bucket URL: gs://bucket[/prefix] or file:///absolute/path',
});
const loopbackHost = z.string().regex(/^(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d{1,5}$/, {
  error: 'host:port on the loopback interface (e.g. 127.0.0.1:8080)',
});
/** Only "" counts as unset: the SDKs switch to an emulator on any other value, blanks included. */
const emulatorHost = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
/** @google-cloud/storage takes STORAGE_EMULATOR_HOST with or without its scheme. */
const loopbackEndpoint = z.string().regex(/^(https?:\/\/)?(127\.\d+\.\d+\.\d+|localhost|\[::1\]):\d{1,5}\/?$/, {
  error: '[http://]host:port on the loopback interface (e.g. http://127.0.0.1:9199)',
});
const keyId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: '1-64 letters, digits, dot, dash or underscore' });
const base64Key = z.string().refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
  error: 'a base64-encoded 32-byte key (generate one with: openssl rand -base64 32)',
});

/** BACKUP_AUDIT_HMAC_KEY: >= 32 bytes as hex or base64 (hex is tried first: a hex string is also valid base64). */
const auditKey = z.string().transform((v, ctx) => {
  const bytes = /^(?:[0-9a-fA-F]{2})+$/.test(v) ? Buffer.from(v, 'hex') : /^[A-Za-z0-9+/]+=*$/.test(v) ? Buffer.from(v, 'base64') : undefined;
  if (bytes !== undefined && bytes.length >= 32) return bytes;
  ctx.addIssue({ code: 'custom', message: 'a key of at least 32 bytes, hex or base64 (generate one with: openssl rand -base64 32)' });
  return z.NEVER;
});

const engineSchema = z.object({
  BACKUP_PROJECT_ID: projectId,
  BACKUP_DATABASE_ID: withDefault(databaseId, '(default)'),
  BACKUP_CONTROL_DATABASE_ID: withDefault(databaseId, '(default)'),
  BACKUP_BUCKET_URL: bucketUrl,
  BACKUP_STAGING_TARGET: opt(stagingTargetSchema),
  // Operators may restore into new databases whose id starts with this (issue 15, finding 5); anything else is admin-only.
  BACKUP_OPERATOR_DATABASE_PREFIX: withDefault(z.string().regex(/^[a-z][a-z0-9-]{1,29}$/, { error: 'the start of a database id: a lowercase letter, then 1-29 lowercase letters, digits or hyphens (e.g. restore-)' }), 'restore-'),
  BACKUP_ENCRYPTION_KEY: opt(base64Key),
  BACKUP_ENCRYPTION_KEY_ID: withDefault(keyId, 'env-key-1'),
  BACKUP_RETENTION_KEEP_LAST: withDefault(intFrom(1, 10_000), 7),
  BACKUP_RETENTION_DAILY: withDefault(intFrom(0, 3650), 14),
  BACKUP_RETENTION_WEEKLY: withDefault(intFrom(0, 520), 8),
  BACKUP_RETENTION_MONTHLY: withDefault(intFrom(0, 120), 12),
  BACKUP_RETENTION_MAX_AGE_DAYS: withDefault(intFrom(1, 36_500), 400),
  BACKUP_RPO_TARGET_HOURS: withDefault(intFrom(1, 24 * 31), 24),
  BACKUP_ALERT_WEBHOOK_URL: opt(z.url({ protocol: /^https?$/, error: 'an http(s) URL' })),
  BACKUP_SCHEDULER_SECRET: opt(z.string().min(32, { error: 'at least 32 characters' })),
  BACKUP_SCHEDULER_SERVICE_ACCOUNT: opt(z.email({ error: 'a service account email' })),
  BACKUP_REQUIRE_SECOND_APPROVAL: withDefault(bool, false),
  BACKUP_TRUSTED_PROXY_HOPS: withDefault(intFrom(0, 16), 0),
  FIRESTORE_EMULATOR_HOST: emulatorHost(loopbackHost),
  FIREBASE_AUTH_EMULATOR_HOST: emulatorHost(loopbackHost),
  STORAGE_EMULATOR_HOST: emulatorHost(loopbackEndpoint),
  BACKUP_AUDIT_HMAC_KEY: opt(auditKey),
  BACKUP_AUDIT_CHECKPOINT_EVERY: withDefault(intFrom(1, 1_000_000), 100),
  FIREBASE_WEB_API_KEY: withDefault(z.string().min(1), 'demo-api-key'),
});

/** Settings of the engine and the API, in plain TS shape. */
export interface EngineConfig {
  projectId: string;
  databaseId: string;
  controlDatabaseId: string;
  bucketUrl: string;
  /** BACKUP_STAGING_TARGET, parsed (restore-target.ts); `formatRestoreTarget` shows it. */
  stagingTarget?: StagingTarget;
  /** Operators may restore only into the staging target or a new database whose id starts with this. */
  operatorDatabasePrefix: string;
  encryption?: { keyId: string; key: Buffer };
  retention: { keepLast: number; daily: number; weekly: number; monthly: number; maxAgeDays: number };
  rpoTargetHours: number;
  alertWebhookUrl?: string;
  scheduler: { secret?: string; serviceAccount?: string };
  requireSecondApproval: boolean;
  /** Proxies in front of the API that append to X-Forwarded-For (0 or unset: the socket address is the client's). */
  trustedProxyHops?: number;
  /** The audit chain's HMAC key (unset: an unkeyed SHA-256 chain, reported as an attention item) and checkpoint interval. */
  audit?: { hmacKey?: Buffer; checkpointEvery: number };
  emulators: { firestoreHost?: string; authHost?: string };
  webApiKey: string;
}

function parseOrThrow<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    const got = env[name];
    const shown = got === undefined ? 'it is not set' : `got ${JSON.stringify(redact(name, got))}`;
    return `${name}: expected ${issue.message}; ${shown}`;
  });
  throw new ConfigError(problems);
}

function redact(name: string, value: string): string {
  return /KEY|SECRET|PASSWORD/.test(name) ? '<redacted>' : value;
}

/**
 * The SDKs read these variables from the process environment themselves and then trust whatever answers there:
 * firebase-admin accepts the Auth emulator's unsigned ID tokens (anyone can write one), and Firestore and Storage
 * clients send data to that host. So an emulator is allowed only on this machine (the schema's loopback rule) and only
 * for a `demo-` project, which Google never resolves to real resources.
 */
const EMULATOR_HOST_VARIABLES = ['FIRESTORE_EMULATOR_HOST', 'FIREBASE_AUTH_EMULATOR_HOST', 'STORAGE_EMULATOR_HOST'] as const;

function refuseEmulatorsOfRealProjects(e: z.output<typeof engineSchema>): void {
  if (e.BACKUP_PROJECT_ID.startsWith('demo-')) return;
  const set = EMULATOR_HOST_VARIABLES.filter((name) => e[name] !== undefined);
  if (set.length === 0) return;
  throw new ConfigError(
    set.map((name) => `BACKUP_PROJECT_ID: expected a project id starting with demo- while ${name} is set (emulator mode: unset ${name} for a real project); got ${JSON.stringify(e.BACKUP_PROJECT_ID)}`),
  );
}

/** Parse the engine's settings. Pass `env` in tests; the default is the process environment. */
export function loadEngineConfig(env: Env = process.env): EngineConfig {
  const e = parseOrThrow(engineSchema, { BACKUP_PROJECT_ID: env.GOOGLE_CLOUD_PROJECT ?? env.GCLOUD_PROJECT, ...stripUndefined(env) });
  refuseEmulatorsOfRealProjects(e);
  return {
    projectId: e.BACKUP_PROJECT_ID,
    databaseId: e.BACKUP_DATABASE_ID,
    controlDatabaseId: e.BACKUP_CONTROL_DATABASE_ID,
    bucketUrl: e.BACKUP_BUCKET_URL,
    stagingTarget: e.BACKUP_STAGING_TARGET,
    operatorDatabasePrefix: e.BACKUP_OPERATOR_DATABASE_PREFIX,
    encryption: e.BACKUP_ENCRYPTION_KEY
      ? { keyId: e.BACKUP_ENCRYPTION_KEY_ID, key: Buffer.from(e.BACKUP_ENCRYPTION_KEY, 'base64') }
      : undefined,
    retention: {
      keepLast: e.BACKUP_RETENTION_KEEP_LAST,
      daily: e.BACKUP_RETENTION_DAILY,
      weekly: e.BACKUP_RETENTION_WEEKLY,
      monthly: e.BACKUP_RETENTION_MONTHLY,
      maxAgeDays: e.BACKUP_RETENTION_MAX_AGE_DAYS,
    },
    rpoTargetHours: e.BACKUP_RPO_TARGET_HOURS,
    alertWebhookUrl: e.BACKUP_ALERT_WEBHOOK_URL,
    scheduler: { secret: e.BACKUP_SCHEDULER_SECRET, serviceAccount: e.BACKUP_SCHEDULER_SERVICE_ACCOUNT },
    requireSecondApproval: e.BACKUP_REQUIRE_SECOND_APPROVAL,
    trustedProxyHops: e.BACKUP_TRUSTED_PROXY_HOPS,
    audit: { hmacKey: e.BACKUP_AUDIT_HMAC_KEY, checkpointEvery: e.BACKUP_AUDIT_CHECKPOINT_EVERY },
    emulators: { firestoreHost: e.FIRESTORE_EMULATOR_HOST, authHost: e.FIREBASE_AUTH_EMULATOR_HOST },
    webApiKey: e.FIREBASE_WEB_API_KEY,
  };
}

const webSchema = z.object({
  NODE_ENV: opt(z.string()),
  FIREBASE_AUTH_EMULATOR_HOST: opt(loopbackHost),
  BACKUP_TRUSTED_PROXY_HOPS: withDefault(intFrom(0, 16), 0),
});

/** What the portal's security headers depend on (src/proxy.ts). */
export interface WebSecurityConfig {
  /** `next dev`: React's dev tooling needs eval and injects unnonced styles. */
  development: boolean;
  /** host:port of the Auth emulator the browser signs in against; absent in production. */
  authEmulatorHost?: string;
  /**
   * A TLS-terminating proxy (Cloud Run, a load balancer) sets X-Forwarded-Proto and clients cannot forge it: true when
   * BACKUP_TRUSTED_PROXY_HOPS is 1 or more (the same setting that makes X-Forwarded-For believed).
   */
  trustProxy: boolean;
}

/** Parse the settings of the portal's security headers. */
export function loadWebSecurityConfig(env: Env = process.env): WebSecurityConfig {
  const e = parseOrThrow(webSchema, stripUndefined(env));
  return { development: e.NODE_ENV === 'development', authEmulatorHost: e.FIREBASE_AUTH_EMULATOR_HOST, trustProxy: e.BACKUP_TRUSTED_PROXY_HOPS >= 1 };
}

const localStackSchema = z.object({
  LOCAL_DATA_DIR: withDefault(z.string().min(1), '.data'),
  LOCAL_PROJECT_ID: withDefault(projectId.refine((p) => p.startsWith('demo-'), { error: 'a project id starting with demo-' }), 'demo-backup'),
  LOCAL_STAGING_PROJECT_ID: withDefault(projectId.refine((p) => p.startsWith('demo-'), { error: 'a project id starting with demo-' }), 'demo-backup-staging'),
  DEMO_DOCS: withDefault(intFrom(10, 5_000_000), 10_000),
  DEMO_SEED: withDefault(intFrom(0, 2 ** 31 - 1), 42),
  PORT: withDefault(intFrom(1, 65_535), 3000),
  FIRESTORE_EMULATOR_PORT: withDefault(intFrom(1, 65_535), 8080),
  AUTH_EMULATOR_PORT: withDefault(intFrom(1, 65_535), 9099),
  FIRESTORE_EMULATOR_JAR: opt(z.string().min(1)),
  FIRESTORE_EMULATOR_HOST: opt(loopbackHost),
  FIREBASE_AUTH_EMULATOR_HOST: opt(loopbackHost),
  LOCAL_ADMIN_EMAIL: withDefault(z.email({ error: 'an email address' }), 'admin@backup.local'),
  LOCAL_ADMIN_PASSWORD: withDefault(z.string().min(6, { error: 'at least 6 characters' }), 'backup-admin-pass'),
  LOCAL_NEXT_MODE: withDefault(z.enum(['dev', 'prod'], { error: 'dev or prod' }), 'dev'),
  // Unset: `npm start` generates a key into the data folder (src/lib/local/local-encryption.ts).
  BACKUP_ENCRYPTION_KEY: opt(base64Key),
  BACKUP_ENCRYPTION_KEY_ID: opt(keyId),
  HOME: opt(z.string()),
  PATH: opt(z.string()),
});

/** Settings of the embedded local stack (`npm start`). */
export type LocalStackConfig = z.output<typeof localStackSchema>;

/** Parse the local stack's settings (`npm start`, test setup, benchmarks). */
export function loadLocalStackConfig(env: Env = process.env): LocalStackConfig {
  return parseOrThrow(localStackSchema, stripUndefined(env));
}

/**
 * The environment for a child process: the current one plus overrides. Lives here so no other file reads
 * `process.env` directly.
 */
export function childEnv(overrides: Env = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** True when a flag like `CI` is set; used only to tune console output. */
export function isCi(env: Env = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

function stripUndefined(env: Env): Env {
  const out: Env = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Points the SDKs of this process at local emulators. The Firebase SDKs discover emulators only through these
 * variables, so the local stack sets them here (the one module allowed to touch `process.env`).
 */
export function useEmulatorsInThisProcess(hosts: { firestoreHost: string; authHost: string }): void {
  process.env.FIRESTORE_EMULATOR_HOST = hosts.firestoreHost;
  process.env.FIREBASE_AUTH_EMULATOR_HOST = hosts.authHost;
  disableGcpMetadataProbe();
}

/**
 * Environment for processes that talk only to emulators. With no credentials configured, google-auth-library probes
 * the GCE metadata server (169.254.169.254) to discover a project or universe domain: off-machine traffic that an
 * emulator never needs and that costs seconds where no metadata server answers.
 */
export const EMULATOR_PROCESS_ENV = { METADATA_SERVER_DETECTION: 'none' } as const;

/** Turns the metadata-server probe off in this process (emulator mode only: on GCP it finds the credentials). */
export function disableGcpMetadataProbe(): void {
  process.env.METADATA_SERVER_DETECTION = EMULATOR_PROCESS_ENV.METADATA_SERVER_DETECTION;
}
