/**
 * BackupDREngine: the one entry point the portal, the API and the scripts use. Framework-free; wired in
 * composition.ts. Long work is enqueued as a job and run by a Worker over `handlers()`.
 */
import { randomBytes } from 'node:crypto';

import { EngineError, isEngineError } from '../errors';
import { parseManifestText, type Manifest } from '../format/manifest';
import { verifyLogicalBackup, type VerifyResult } from '../format/verify-logical-backup';
import type { DatabaseRef } from '../ports';
import { formatRestoreTarget, type RestoreTarget, type StagingTarget } from '../restore-target';

import { backupRoot, manifestKey, newBackupId, type EngineDeps } from './backup/backup-deps';
import type { BackupListItem } from './backup/backup-list-item';
import { parseBackupParams, parseBackupResult, type BackupMethod, type BackupParams } from './backup/backup-types';
import { chooseEncryption } from './backup/encryption-choice';
import { runLogicalBackup } from './backup/logical-backup';
import { runManagedBackup } from './backup/managed-backup';
import { parseScope } from './backup/scope';
import type { Job, JobState } from './jobs/job';
import type { JobService } from './jobs/job-service';
import { Worker, type JobHandler } from './jobs/worker';
import { parseRestoreParams, refuseControlDatabase, resolveTarget, toRestoreTarget, type RestoreMode, type RestoreParams } from './restore/restore-types';
import { pickRecoveryPoint } from './restore/recovery-point';
import { runRestore } from './restore/run-restore';
import { parseSelection, selectionRoots } from './restore/selection';
import { verifyManagedBackup } from './verify/verify-managed-backup';

export interface CreateBackupInput {
  method: BackupMethod;
  database?: DatabaseRef;
  include?: string[];
  exclude?: string[];
  /** true insists (refused when it cannot happen), false declines, absent follows the configuration. */
  encrypt?: boolean;
  trigger?: string;
  idempotencyKey?: string;
  requestedBy?: Job['requestedBy'];
}

export type { BackupListItem } from './backup/backup-list-item';

export interface EngineOptions {
  /** BACKUP_STAGING_TARGET: what `--target staging` means. */
  stagingTarget?: StagingTarget;
  /** Production restores wait for a second admin's approval. */
  requireSecondApproval?: boolean;
  /** Where the control collections live (BACKUP_CONTROL_DATABASE_ID): never a restore target. */
  controlDatabase?: DatabaseRef;
}

export interface CreateRestoreInput {
  backupId: string;
  /** Parsed (API, drills) or its text (CLI, tests): text is parsed here with the one grammar (restore-target.ts). */
  target: RestoreTarget | string;
  mode?: RestoreMode;
  only?: string[];
  dryRun?: boolean;
  keepReferences?: boolean;
  /** Production restores: the project id, typed by the person asking. */
  confirm?: string;
  requestedBy?: Job['requestedBy'];
}

export class BackupDREngine {
  constructor(
    readonly deps: EngineDeps,
    readonly jobs: JobService,
    readonly options: EngineOptions = {},
  ) {}

  /**
   * Enqueues a backup job; the worker runs it. Scope patterns and the encryption request are checked now, so a bad
   * request (e.g. encryption insisted on with no key configured) creates no job and writes nothing.
   */
  async createBackup(input: CreateBackupInput): Promise<Job> {
    const scope = parseScope({ include: input.include, exclude: input.exclude });
    chooseEncryption({ method: input.method, requested: input.encrypt, keyConfigured: this.deps.keyWrapper !== undefined });
    const now = this.deps.clock.now();
    const backupId = newBackupId(now, randomBytes(3).toString('hex'));
    const params = parseBackupParams('new', {
      backupId,
      method: input.method,
      database: input.database ?? this.deps.database,
      include: scope.include,
      exclude: scope.exclude,
      encrypt: input.encrypt ?? null,
      trigger: input.trigger ?? 'manual',
    });
    const id = input.idempotencyKey ? `backup-${input.idempotencyKey}` : `backup-${backupId}`;
    const { job } = await this.jobs.enqueue({ id, kind: 'backup', params, idempotencyKey: input.idempotencyKey, requestedBy: input.requestedBy });
    return job;
  }

  /** Handlers for the Worker, one per job kind. */
  handlers(): Partial<Record<Job['kind'], JobHandler>> {
    return {
      backup: async (ctx) => {
        const params = parseBackupParams(ctx.job.id, ctx.job.params);
        // This worker's key is the one that counts: a job that insisted on encryption fails here rather than run plain.
        const encryption = chooseEncryption({ method: params.method, requested: params.encrypt, keyConfigured: this.deps.keyWrapper !== undefined });
        if (params.method === 'managed') return runManagedBackup(this.deps, params, ctx);
        return runLogicalBackup(this.deps, params, ctx, { encryption, expectedDocuments: await this.lastDocumentCount(params) });
      },
      restore: async (ctx) => {
        const params = parseRestoreParams(ctx.job.id, ctx.job.params);
        return runRestore(this.deps, params, ctx, { safetyBackup: () => this.takeSafetyBackup(params, ctx.job.lease?.owner ?? 'restore') });
      },
    };
  }

  /**
   * Enqueues a restore after checking everything that can be checked before any write: the backup exists and is
   * verified, the target resolves and is not the source in disguise, the selection parses, and a production restore
   * carries the project id typed by the caller.
   */
  async createRestore(input: CreateRestoreInput): Promise<Job> {
    const backup = await this.getBackup(input.backupId);
    if (backup.result === null || !backup.result.verified) {
      throw new EngineError('failed_precondition', `backup ${input.backupId} is ${backup.state}, not a verified backup: it cannot be restored`);
    }
    const source = backup.result.database;
    const target = toRestoreTarget(input.target);
    const targetDatabase = resolveTarget(target, source, this.options.stagingTarget);
    refuseControlDatabase(target, targetDatabase, { control: this.options.controlDatabase, data: this.deps.database });
    const production = target.kind === 'production';
    const dryRun = input.dryRun ?? false;
    if (production && !dryRun && input.confirm !== source.projectId) {
      throw new EngineError('permission_denied', `a production restore overwrites ${source.projectId}/${source.databaseId}: confirm with the project id (--confirm ${source.projectId})${input.confirm ? `; got ${JSON.stringify(input.confirm)}` : ''}`, {
        details: { expected: 'the source project id', got: input.confirm ?? null },
      });
    }
    const only = parseSelection(input.only).patterns;
    const restoreId = newBackupId(this.deps.clock.now(), randomBytes(3).toString('hex'));
    const params = parseRestoreParams('new', {
      restoreId,
      backupId: backup.backupId,
      source,
      target: formatRestoreTarget(target),
      targetDatabase,
      mode: input.mode ?? 'overwrite',
      only,
      dryRun,
      keepReferences: input.keepReferences ?? false,
      production,
      approvalRequired: production && !dryRun && (this.options.requireSecondApproval ?? false),
      approvedBy: null,
    });
    const { job } = await this.jobs.enqueue({ id: `restore-${restoreId}`, kind: 'restore', params, requestedBy: input.requestedBy, maxAttempts: 5 });
    return job;
  }

  /** A second admin approves a production restore that waits for it; the requester cannot approve their own. */
  async approveRestore(jobId: string, approver: { uid: string; email?: string }): Promise<Job> {
    return this.jobs.store.mutate(jobId, (job) => {
      if (job.kind !== 'restore' || job.params.approvalRequired !== true) throw new EngineError('failed_precondition', `job ${jobId} does not need an approval`);
      if (job.params.approvedBy) throw new EngineError('conflict', `job ${jobId} is already approved`);
      if (job.state !== 'queued') throw new EngineError('failed_precondition', `job ${jobId} is ${job.state}`);
      if (job.requestedBy?.uid === approver.uid) throw new EngineError('permission_denied', 'the second approval must come from another admin than the one who asked for the restore');
      return { ...job, params: { ...job.params, approvedBy: approver }, updatedAt: this.deps.clock.now().toISOString() };
    });
  }

  /** The rollback point of a production restore: a logical backup of the restore's scope, run to completion now. */
  private async takeSafetyBackup(params: RestoreParams, owner: string): Promise<string> {
    const include = selectionRoots(parseSelection(params.only)) ?? [];
    const job = await this.createBackup({ method: 'logical', database: params.targetDatabase, include, trigger: `safety:${params.restoreId}` });
    const [done] = await new Worker({ jobs: this.jobs, owner: `${owner}/safety`, handlers: this.handlers() }).runUntilIdle({ onlyId: job.id });
    if (done?.state !== 'succeeded') throw new EngineError('failed_precondition', `the safety backup ${job.id} did not succeed (${done?.error?.message ?? done?.state ?? 'unknown'}): nothing was restored`);
    return String(done.result?.backupId);
  }

  /**
   * True when `db` holds no documents, i.e. a new database (one the server does not know counts as new): an operator
   * may restore into a new database under the operator prefix, never over data that is already there.
   */
  async isEmptyDatabase(db: DatabaseRef): Promise<boolean> {
    try {
      return (await this.deps.databases.open(db).listRootCollections()).length === 0;
    } catch (err) {
      if (isEngineError(err, 'not_found')) return true;
      throw err;
    }
  }

  async getJob(id: string): Promise<Job> {
    return this.jobs.get(id);
  }

  async cancelJob(id: string): Promise<Job> {
    return this.jobs.cancel(id);
  }

  /**
   * Backups newest first, from the catalog (backup jobs); `states` filters, e.g. `['succeeded']`. Backups removed by
   * retention are left out unless `includeDeleted`.
   */
  async listBackups(filter: { states?: JobState[]; method?: BackupMethod; limit?: number; before?: string; includeDeleted?: boolean } = {}): Promise<BackupListItem[]> {
    const jobs = await this.jobs.store.list({ kinds: ['backup'], states: filter.states, limit: filter.limit ?? 50, before: filter.before });
    return jobs
      .map((job) => {
        const params = parseBackupParams(job.id, job.params);
        return {
          backupId: params.backupId,
          jobId: job.id,
          state: job.state,
          method: params.method,
          createdAt: job.createdAt,
          result: job.state === 'succeeded' && job.result ? parseBackupResult(job.id, job.result) : null,
          error: job.error,
        };
      })
      .filter((b) => (filter.method ? b.method === filter.method : true))
      .filter((b) => filter.includeDeleted || (b.result?.deletingAt == null && b.result?.deletedAt == null));
  }

  /** The backup `backup:dr` recovers from when none is named (restore/recovery-point.ts says which qualify). */
  async latestRecoveryPoint(database: DatabaseRef = this.deps.database): Promise<BackupListItem | undefined> {
    return pickRecoveryPoint(await this.listBackups({ states: ['succeeded'], limit: 1000 }), database);
  }

  /** Documents in the newest verified backup of the same database and scope (a progress estimate), if any. */
  private async lastDocumentCount(params: BackupParams): Promise<number | undefined> {
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    try {
      const recent = await this.listBackups({ states: ['succeeded'], limit: 20 });
      const match = recent.find(({ result: r }) => r !== null && r.verified && r.database.projectId === params.database.projectId && r.database.databaseId === params.database.databaseId && same(r.include, params.include) && same(r.exclude, params.exclude));
      return match?.result?.documents;
    } catch {
      return undefined; // only an estimate: never a reason to fail a backup
    }
  }

  /** The catalog entry of one backup; `not_found` when the catalog does not know it. */
  async getBackup(backupId: string): Promise<BackupListItem> {
    const items = await this.listBackups({ limit: 1000, includeDeleted: true });
    const item = items.find((b) => b.backupId === backupId || b.jobId === backupId);
    if (item === undefined) throw new EngineError('not_found', `backup ${backupId} is not in the catalog (run \`npm run backup -- reindex\` if the bucket has it)`, { details: { backupId } });
    return item;
  }

  /** Reads and parses a backup's manifest from the bucket (the source of truth). */
  async readManifest(backupId: string, database: DatabaseRef = this.deps.database): Promise<Manifest> {
    const key = manifestKey(database, backupId);
    const stat = await this.deps.store.stat(key);
    if (stat === undefined) throw new EngineError('not_found', `backup ${backupId} has no manifest at ${key}: it is incomplete or does not exist`, { details: { backupId, key } });
    return parseManifestText((await this.deps.store.get(key)).toString('utf8'));
  }

  /** Re-reads every stored byte of a backup and checks it against its manifest; collects every finding. */
  async verifyBackup(backupId: string): Promise<VerifyResult & { backupId: string; method: BackupMethod }> {
    const item = await this.getBackup(backupId).catch(() => undefined);
    const database = item?.result?.database ?? this.deps.database;
    const id = item?.backupId ?? backupId;
    const manifest = await this.readManifest(id, database);
    const root = backupRoot(database, id);
    const result = manifest.method === 'logical'
      ? await verifyLogicalBackup(manifest, (path) => this.deps.store.read(root + path), this.deps.keyWrapper)
      : await verifyManagedBackup(this.deps.store, root, manifest);
    return { ...result, backupId: id, method: manifest.method };
  }
}
