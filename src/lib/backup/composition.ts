/**
 * The composition root: the only file that wires the engine to adapters. Scripts and route handlers call
 * `createRuntime(loadEngineConfig())` and talk to the returned engine.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

import { Firestore } from '@google-cloud/firestore';

import { EnvKeyWrapper } from './adapters/crypto/env-key-wrapper';
import { createEmulatorExportService } from './adapters/export/emulator-export-service';
import { createGcpExportService } from './adapters/export/gcp-export-service';
import { createFirestoreDatabases } from './adapters/firestore-databases';
import { createFirestoreAuditLogStore } from './adapters/firestore-control/audit-log-store';
import { createFirestoreConfigStore } from './adapters/firestore-control/config-store';
import { createFirestoreIncidentStateStore } from './adapters/firestore-control/incident-state-store';
import { createFirestoreJobStore } from './adapters/firestore-control/firestore-job-store';
import { createFirestoreReportStore } from './adapters/firestore-control/report-store';
import { createWebhookNotifier } from './adapters/notifier/webhook-notifier';
import { openBackupStore } from './adapters/open-backup-store';
import { prepareBackupStore } from './adapters/prepare-backup-store';
import { disableGcpMetadataProbe, type EngineConfig } from './config';
import { createIncidentTracker, type IncidentTracker } from './engine/alerts/incidents';
import { anchorAuditLog, type AnchoredAuditLog } from './engine/audit/anchored-audit-log';
import { auditChainKey } from './engine/audit/audit-key';
import { BackupDREngine } from './engine/backup-dr-engine';
import { drillJobHandler, type DrillJobDeps } from './engine/drill/drill-job';
import type { DrillPorts } from './engine/drill/run-drill';
import type { HealthDeps } from './engine/health/collect-health';
import type { OpsDeps } from './engine/ops/catalog';
import type { ReportStore } from './ports/reports';
import type { SetupItem } from './ports/setup';
import { JobService } from './engine/jobs/job-service';
import { Worker, type JobHandler } from './engine/jobs/worker';
import { realSleep } from './engine/jobs/poll-operation';
import type { BackupStore, Clock } from './ports';

export const TOOL = { name: 'firestore-backup-dr', version: '0.1.0' } as const;

// Adapters for the benchmark (scripts/lib/bench), which wires its own engine around a file store and the emulator:
// composition.ts is the one front door to adapters, as index.ts is to the engine (docs/architecture.md).
export { EnvKeyWrapper } from './adapters/crypto/env-key-wrapper';
export { createEmulatorExportService } from './adapters/export/emulator-export-service';
export { createFileBackupStore } from './adapters/file/file-backup-store';
export { createFirestoreDatabases } from './adapters/firestore-databases';
export { createFirestoreDocumentStore } from './adapters/firestore/document-store';
export type { ProtoRunQueryResponse, ProtoStructuredQuery, ProtoTimestamp } from './adapters/firestore/proto-types';
export { createFirestoreJobStore } from './adapters/firestore-control/firestore-job-store';

export interface Runtime {
  config: EngineConfig;
  engine: BackupDREngine;
  jobs: JobService;
  worker: Worker;
  /** The Firestore client of the control collections. */
  control: Firestore;
  /** Use-case dependencies of the operations loop: engine, backup_config, the audit trail, catalog, bucket, clock. */
  ops: OpsDeps;
  /** Health's inputs (catalog, reports, clock, the production database, whether encryption is configured). */
  health: HealthDeps;
  /** What the drill needs beyond health's inputs: the bucket, the databases, the staging target. */
  drillPorts: DrillPorts;
  /** The audit trail with its key and bucket checkpoints. */
  audit: AnchoredAuditLog;
  reports: ReportStore;
  /** Incident alerts, when BACKUP_ALERT_WEBHOOK_URL is set. */
  alerts?: IncidentTracker;
  /** `init`'s bucket step (file:// folder, or gs:// bucket settings). */
  prepareStore(opts?: { dryRun?: boolean }): Promise<SetupItem[]>;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date(), sleep: realSleep };

/** Wires everything from configuration. `owner` names this process in job leases. */
export function createRuntime(config: EngineConfig, opts: { owner?: string; log?: (line: string) => void } = {}): Runtime {
  if (config.emulators.firestoreHost) disableGcpMetadataProbe();
  const control = new Firestore({ projectId: config.projectId, databaseId: config.controlDatabaseId, ignoreUndefinedProperties: true });
  const store = openBackupStore(config.bucketUrl);
  const exports = config.emulators.firestoreHost
    ? createEmulatorExportService({ host: config.emulators.firestoreHost, store })
    : createGcpExportService({ bucketUrl: config.bucketUrl });
  const databases = createFirestoreDatabases({ emulatorHost: config.emulators.firestoreHost });
  const keyWrapper = config.encryption ? new EnvKeyWrapper(config.encryption) : undefined;
  const audit = openAuditLog(config, { control, store, log: opts.log });
  const jobStore = createFirestoreJobStore(control);
  const jobs = new JobService({ store: jobStore, clock: systemClock, leaseMs: 60_000 });
  const database = { projectId: config.projectId, databaseId: config.databaseId };
  const engine = new BackupDREngine(
    {
      store,
      databases,
      exports,
      keyWrapper,
      clock: systemClock,
      ids: { newId: (prefix = 'id') => `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}` },
      tool: TOOL,
      database,
      auditAnchor: () => audit.anchor(),
    },
    jobs,
    {
      stagingTarget: config.stagingTarget,
      requireSecondApproval: config.requireSecondApproval,
      controlDatabase: { projectId: config.projectId, databaseId: config.controlDatabaseId },
    },
  );
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`;
  const alerts = openAlerts(config, control);
  const ops: OpsDeps = { engine, config: createFirestoreConfigStore(control), audit, jobStore, store, clock: systemClock, keyWrapper };
  const reports = createFirestoreReportStore(control);
  const health: HealthDeps = { engine, reports, clock: systemClock, database, keyWrapper };
  const drillPorts: DrillPorts = { store, databases, stagingTarget: config.stagingTarget };
  const drill = drillJob(config, { engine, config: ops.config, health, drillPorts, alerts, owner });
  const worker = new Worker({ jobs, owner, handlers: { ...engine.handlers(), drill }, log: opts.log });
  return {
    config,
    engine,
    jobs,
    worker,
    control,
    ops,
    health,
    drillPorts,
    audit,
    reports,
    alerts,
    prepareStore: (o) => prepareBackupStore(config, o),
    close: async () => {
      await worker.stop();
      await databases.close();
      await control.terminate();
    },
  };
}

/** Alerting, when a webhook is configured: incidents (open / repeat / resolve) in backup_config, sent to the webhook. */
function openAlerts(config: EngineConfig, control: Firestore): IncidentTracker | undefined {
  if (!config.alertWebhookUrl) return undefined;
  return createIncidentTracker({
    // Slack-compatible JSON (docs/design.md): Slack renders it, generic receivers get plain JSON fields.
    notifier: createWebhookNotifier({ url: config.alertWebhookUrl, format: 'slack', clock: systemClock }),
    state: createFirestoreIncidentStateStore(control),
    clock: systemClock,
  });
}

/** The audit trail: keyed with BACKUP_AUDIT_HMAC_KEY when set, anchored by checkpoints in the backup bucket. */
function openAuditLog(config: EngineConfig, w: { control: Firestore; store: BackupStore; log?: (line: string) => void }): AnchoredAuditLog {
  const key = config.audit?.hmacKey ? auditChainKey(config.audit.hmacKey) : undefined;
  return anchorAuditLog(createFirestoreAuditLogStore(w.control, { key }), {
    bucket: w.store,
    key,
    every: config.audit?.checkpointEvery ?? 100,
    clock: systemClock,
    log: (line, err) => w.log?.(`${line}: ${err instanceof Error ? err.message : String(err)}`),
  });
}

/** The drill job's handler, with this configuration's RPO target, retention and alert setting. */
function drillJob(config: EngineConfig, deps: Omit<DrillJobDeps, 'rpoTargetHours' | 'alertWebhookConfigured' | 'retention'>): JobHandler {
  return drillJobHandler({ ...deps, rpoTargetHours: config.rpoTargetHours, alertWebhookConfigured: config.alertWebhookUrl !== undefined, retention: config.retention });
}

export type { DrillJobParams } from './engine/drill/drill-job';
