/** A CLI Runtime over an engine harness, so integration tests can run the drill and report commands end to end. */
import { randomBytes } from 'node:crypto';

import type { EngineConfig } from '../../../config';
import type { Runtime } from '../../../composition';
import type { EngineHarness } from '../../testing/engine-harness';
import { createFileBackupStore } from '../../../adapters/file/file-backup-store';
import { createFirestoreAuditLogStore } from '../../../adapters/firestore-control/audit-log-store';
import { createFirestoreConfigStore } from '../../../adapters/firestore-control/config-store';
import { createFirestoreIncidentStateStore } from '../../../adapters/firestore-control/incident-state-store';
import { createFirestoreReportStore } from '../../../adapters/firestore-control/report-store';
import { createWebhookNotifier } from '../../../adapters/notifier/webhook-notifier';
import { prepareBackupStore } from '../../../adapters/prepare-backup-store';
import { createIncidentTracker } from '../../alerts/incidents';
import { anchorAuditLog } from '../../audit/anchored-audit-log';
import { auditChainKey } from '../../audit/audit-key';

export function harnessRuntime(h: EngineHarness, over: Partial<EngineConfig> = {}): Runtime {
  const config: EngineConfig = {
    projectId: h.projectId,
    databaseId: '(default)',
    controlDatabaseId: '(default)',
    bucketUrl: `file://${h.bucketDir}`,
    stagingTarget: h.engine.options.stagingTarget,
    operatorDatabasePrefix: 'restore-',
    retention: { keepLast: 7, daily: 14, weekly: 8, monthly: 12, maxAgeDays: 400 },
    rpoTargetHours: 24,
    scheduler: {},
    requireSecondApproval: false,
    emulators: {},
    webApiKey: 'demo-api-key',
    ...over,
  };
  const clock = { now: () => new Date() };
  // Keyed, as `npm start` and a configured deployment are (an unkeyed trail is a health warning of its own).
  const key = auditChainKey(config.audit?.hmacKey ?? randomBytes(32));
  const audit = anchorAuditLog(createFirestoreAuditLogStore(h.db, { key }), { bucket: createFileBackupStore(h.bucketDir), key, every: 100, clock });
  const alerts = config.alertWebhookUrl
    ? createIncidentTracker({ notifier: createWebhookNotifier({ url: config.alertWebhookUrl, format: 'slack', clock }), state: createFirestoreIncidentStateStore(h.db), clock })
    : undefined;
  // The harness engine's own ports, handed to the use cases explicitly as composition.ts does.
  const { store, databases, clock: engineClock, keyWrapper, database } = h.engine.deps;
  const reports = createFirestoreReportStore(h.db);
  return {
    config,
    engine: h.engine,
    jobs: h.jobs,
    worker: h.worker,
    control: h.db,
    ops: { engine: h.engine, config: createFirestoreConfigStore(h.db), audit, jobStore: h.jobs.store, store, clock: engineClock, keyWrapper },
    health: { engine: h.engine, reports, clock: engineClock, database, keyWrapper },
    drillPorts: { store, databases, stagingTarget: config.stagingTarget },
    audit,
    reports,
    alerts,
    prepareStore: (o) => prepareBackupStore(config, o),
    close: async () => undefined,
  };
}

/** Runs `fn` with console.log captured; returns what it printed and its result. */
export async function captureLog<T>(fn: () => Promise<T>): Promise<{ out: string; result: T }> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    const result = await fn();
    return { out: lines.join('\n'), result };
  } finally {
    console.log = original;
  }
}
