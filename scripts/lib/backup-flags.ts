/**
 * The flags (zod schemas: argv is a boundary, parsed, never trusted) and the help of the job commands: create, list,
 * verify, restore, dr, status, cancel, jobs. Each help sits next to its schema; cli-spec.ts renders it.
 */
import { z } from 'zod';

import { JOB_KINDS, JOB_STATES, parseRestoreTarget, RESTORE_MODES, RESTORE_TARGET_FORMS } from '../../src/lib/backup';

import type { CommandHelp } from './cli-spec';
import { UsageError } from './run-script';

const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const plainFlags = z.object({ json: z.boolean().optional() });

export const createFlags = plainFlags.extend({
  method: z.enum(['logical', 'managed'], { error: 'logical or managed' }).default('logical'),
  collections: list.optional(),
  exclude: list.optional(),
  database: z.string().regex(/^(\(default\)|[a-z][a-z0-9-]{2,62})$/, { error: 'a Firestore database id' }).optional(),
  encrypt: z.boolean().optional(),
  'no-encrypt': z.boolean().optional(),
});

/**
 * The encryption request of `create`: --encrypt insists (refused when no BACKUP_ENCRYPTION_KEY is configured),
 * --no-encrypt declines, neither follows the configuration (encrypted exactly when a key is configured).
 */
export function encryptRequest(f: { encrypt?: boolean; 'no-encrypt'?: boolean }): boolean | undefined {
  if (f.encrypt && f['no-encrypt']) throw new UsageError('create: --encrypt and --no-encrypt contradict each other; give one, or neither for the configured default');
  return f.encrypt ? true : f['no-encrypt'] ? false : undefined;
}

const FOLLOW = 'It prints the job id first (on stderr): if this terminal goes away, the job is resumed by a worker (npm run worker, or the API\'s) once its lease expires, and `status <jobId>` follows it.';

export const createHelp: CommandHelp<typeof createFlags> = {
  name: 'create',
  summary: 'back up a database now; verified before its manifest is written',
  usage: '[--method logical|managed] [flags]',
  description: ['Runs the backup in this process to completion, then re-reads what it wrote. ' + FOLLOW],
  flags: {
    method: { value: 'logical|managed', text: 'logical: our NDJSON chunks (encrypted when a key is set); managed: Google\'s export format (default logical)' },
    collections: { value: 'a,b', text: 'only these collection patterns (e.g. users,orders/**)' },
    exclude: { value: 'patterns', text: 'leave these out (e.g. \'logs/**\')' },
    database: { value: 'id', text: 'another database of the project (default BACKUP_DATABASE_ID)' },
    encrypt: { text: 'insist on encryption: refused (exit 2) when no BACKUP_ENCRYPTION_KEY is configured' },
    'no-encrypt': { text: 'do not encrypt this logical backup even when a key is configured (neither flag: encrypted exactly when a key is configured)' },
  },
  examples: [`npm run backup -- create --method managed`, `npm run backup -- create --collections users,orders --exclude 'users/*/events'`],
  exitCodes: { 0: 'the backup succeeded and verified', 1: 'the backup failed or did not verify' },
  schema: createFlags,
};

export const listFlags = plainFlags.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  state: z.enum(JOB_STATES, { error: JOB_STATES.join(', ') }).optional(),
});

export const listHelp: CommandHelp<typeof listFlags> = {
  name: 'list',
  summary: 'the backup catalog, newest first',
  usage: '[--limit n] [--state <state>]',
  flags: {
    limit: { value: 'n', text: 'at most n backups (1-1000, default 20)' },
    state: { value: 'state', text: JOB_STATES.join('|') },
  },
  examples: ['npm run backup -- list', 'npm run backup -- list --state succeeded --json'],
  schema: listFlags,
};

export const verifyHelp: CommandHelp<typeof plainFlags> = {
  name: 'verify',
  summary: 're-read every stored byte of a backup and check it against its manifest',
  usage: '<backupId>',
  args: [{ name: '<backupId>', text: 'a backup id from `list`' }],
  flags: {},
  examples: ['npm run backup -- verify 20260101T020000Z-1a2b3c'],
  exitCodes: { 0: 'verified', 1: 'verification found problems (each is printed)' },
  schema: plainFlags,
};

const restoreMode = z.enum(RESTORE_MODES, { error: RESTORE_MODES.join(', ') });
const MODE_TEXT = 'overwrite | merge | skip-existing | mirror (mirror also deletes documents the backup lacks)';

export const restoreFlags = plainFlags.extend({
  // Checked here so a typo names --target before anything runs; the engine parses the text once (restore-target.ts).
  target: z.string({ error: 'required: staging, production, database:<id> or project:<id>[/<database>]' }).refine((t) => parseRestoreTarget(t) !== undefined, { error: RESTORE_TARGET_FORMS }),
  mode: restoreMode.default('overwrite'),
  only: list.optional(),
  'dry-run': z.boolean().optional(),
  confirm: z.string().max(64).optional(),
  'keep-references': z.boolean().optional(),
});

export const restoreHelp: CommandHelp<typeof restoreFlags> = {
  name: 'restore',
  summary: 'restore a verified backup into staging, another database or production',
  usage: '<backupId> --target <where> [flags]',
  description: [
    'Prints a per-collection diff (create / change / delete / same). A production restore needs --confirm with the project id, takes a safety backup first (the rollback point) and, with BACKUP_REQUIRE_SECOND_APPROVAL=true, waits for a second admin to approve it in the portal.',
    FOLLOW,
  ],
  args: [{ name: '<backupId>', text: 'a verified backup id from `list`' }],
  flags: {
    target: { value: 'where', text: 'staging | production | database:<id> | project:<id>[/<db>] (required)' },
    mode: { value: 'mode', text: `${MODE_TEXT}; default overwrite` },
    only: { value: 'paths', text: 'only these collections / documents (e.g. \'users/**,orders/o-1\')' },
    'dry-run': { text: 'compute the diff, write nothing' },
    confirm: { value: 'projectId', text: 'a production restore: the project id, typed' },
    'keep-references': { text: 'keep reference values pointing at the source project (default: rewritten to the target)' },
  },
  examples: [
    'npm run backup -- restore 20260101T020000Z-1a2b3c --target staging --dry-run',
    'npm run backup -- restore 20260101T020000Z-1a2b3c --target production --confirm my-app-prod',
  ],
  exitCodes: { 0: 'restored and verified (or the dry run completed)', 1: 'the restore failed, was cancelled, or waits for approval' },
  schema: restoreFlags,
};

export const drFlags = plainFlags.extend({
  backup: z.string().max(128).optional(),
  execute: z.boolean().optional(),
  confirm: z.string().max(64).optional(),
  mode: restoreMode.optional(),
});

export const drHelp: CommandHelp<typeof drFlags> = {
  name: 'dr',
  summary: 'DR rehearsal into staging (default), or --execute: recover production',
  usage: '[--backup <id>] [--execute --confirm <projectId>] [--mode <mode>]',
  alias: 'npm run backup:dr',
  description: [
    'Picks the newest verified whole-database backup (never a restore\'s safety backup) unless --backup names one, verifies it, restores it (staging: mirror mode, so staging ends equal to the backup), verifies the restored data and prints the RTO.',
    FOLLOW,
  ],
  flags: {
    backup: { value: 'id', text: 'recover from this backup (e.g. a safety backup, to roll back)' },
    execute: { text: 'restore production instead of rehearsing (needs --confirm)' },
    confirm: { value: 'projectId', text: 'with --execute: the production project id, typed' },
    mode: { value: 'mode', text: `${MODE_TEXT}; default mirror for staging, overwrite for production` },
  },
  examples: ['npm run backup:dr', 'npm run backup:dr -- --execute --confirm my-app-prod', 'npm run backup:dr -- --execute --confirm my-app-prod --backup 20260101T030000Z-9f8e7d'],
  exitCodes: { 0: 'restored and verified', 1: 'a step failed (it is marked ✗)' },
  schema: drFlags,
};

const jobIdArg = [{ name: '<jobId>', text: 'the id printed when the job was queued, or from `jobs`' }];

export const statusHelp: CommandHelp<typeof plainFlags> = {
  name: 'status',
  summary: 'one job: state, progress, result or error',
  usage: '<jobId>',
  args: jobIdArg,
  flags: {},
  examples: ['npm run backup -- status backup-20260101T020000Z-1a2b3c'],
  exitCodes: { 0: 'the job was found (whatever its state)' },
  schema: plainFlags,
};

export const cancelHelp: CommandHelp<typeof plainFlags> = {
  name: 'cancel',
  summary: 'ask a queued or running job to stop',
  usage: '<jobId>',
  args: jobIdArg,
  flags: {},
  examples: ['npm run backup -- cancel restore-20260101T020000Z-1a2b3c'],
  schema: plainFlags,
};

const states = z.enum(JOB_STATES, { error: `${JOB_STATES.join(', ')} (comma-separated)` });
const kinds = z.enum(JOB_KINDS, { error: `${JOB_KINDS.join(', ')} (comma-separated)` });

export const jobsFlags = plainFlags.extend({
  kind: list.pipe(z.array(kinds)).optional(),
  state: list.pipe(z.array(states)).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(20),
});

export const jobsHelp: CommandHelp<typeof jobsFlags> = {
  name: 'jobs',
  summary: 'backup, restore, verify and drill jobs, newest first',
  usage: '[--kind <kinds>] [--state <states>] [--limit n]',
  description: ['The same job store the API\'s restore listing reads. Running jobs show their progress; finished ones their outcome.'],
  flags: {
    kind: { value: 'kinds', text: `${JOB_KINDS.join('|')}, comma-separated (default all)` },
    state: { value: 'states', text: `${JOB_STATES.join('|')}, comma-separated (default all)` },
    limit: { value: 'n', text: 'at most n jobs (1-1000, default 20)' },
  },
  examples: ['npm run backup -- jobs --kind restore', 'npm run backup -- jobs --state queued,running,verifying', 'npm run backup -- jobs --kind backup --state failed --limit 5 --json'],
  schema: jobsFlags,
};
