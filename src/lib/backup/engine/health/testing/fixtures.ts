/** Catalog rows and drill reports for health and drill unit tests. */
import type { BackupListItem } from '../../backup-dr-engine';
import { EMPTY_METRICS, type DrillReport } from '../../drill/drill-report';

const HOUR_MS = 3_600_000;

/** A catalog row created `hoursAgo` before `now`; verified unless `state` says otherwise. */
export function backupRow(now: Date, hoursAgo: number, opts: { state?: BackupListItem['state']; bytes?: number; durationMs?: number; id?: string; legalHold?: boolean; trigger?: string } = {}): BackupListItem {
  const at = new Date(now.getTime() - hoursAgo * HOUR_MS).toISOString();
  const id = opts.id ?? `b-${String(hoursAgo).replace('.', '_')}`;
  const state = opts.state ?? 'succeeded';
  return {
    backupId: id,
    jobId: `backup-${id}`,
    state,
    method: 'logical',
    createdAt: at,
    error: state === 'failed' ? { code: 'unavailable', message: 'bucket unreachable', retryable: true } : null,
    result: state !== 'succeeded' ? null : {
      backupId: id,
      method: 'logical',
      database: { projectId: 'demo-app', databaseId: '(default)' },
      location: `file:///b/${id}`,
      manifestKey: `${id}/manifest.json`,
      snapshotTime: at,
      documents: 100,
      bytes: opts.bytes ?? 1000,
      files: 2,
      collections: { users: { documents: 100 } },
      encrypted: true,
      keyId: 'k',
      notEncryptedReason: null,
      verified: true,
      verifiedAt: at,
      durationMs: opts.durationMs ?? 2000,
      include: [],
      exclude: [],
      trigger: opts.trigger ?? 'schedule',
      legalHold: opts.legalHold ? { reason: 'litigation', setBy: 'ops', setAt: at } : null,
    },
  };
}

/** A stored drill report that finished `daysAgo` before `now`. */
export function drillRow(now: Date, daysAgo: number, ok: boolean): DrillReport {
  const at = new Date(now.getTime() - daysAgo * 24 * HOUR_MS).toISOString();
  return {
    drillId: `drill-${daysAgo}`,
    startedAt: at,
    finishedAt: at,
    ok,
    failedStep: ok ? null : 'compare',
    source: { projectId: 'demo-app', databaseId: '(default)' },
    staging: { projectId: 'demo-staging', databaseId: '(default)' },
    steps: [],
    metrics: { ...EMPTY_METRICS, rtoMs: ok ? 4200 : null },
    checklist: [],
    ready: false,
    backupKept: true,
  };
}
