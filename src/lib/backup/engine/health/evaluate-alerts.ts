/**
 * Turns a health report into incidents: each condition is raised while it holds and resolved when it clears. The
 * tracker sends one message per incident and one on resolve, so calling this on every report run (every scheduler
 * tick, every drill) pages once, not once per run.
 */
import type { IncidentTracker, RaiseAction, ResolveAction } from '../alerts/incidents';

import type { HealthReport } from './health-report';

/** Incident keys name the condition, not the occurrence. */
export const INCIDENT_KEYS = {
  rpoBreach: 'rpo-breach',
  backupFailed: 'backup-failed',
  drillFailed: 'drill-failed',
} as const;
export type IncidentKey = (typeof INCIDENT_KEYS)[keyof typeof INCIDENT_KEYS];

export type AlertEvaluation =
  | { key: IncidentKey; op: 'raise'; action: RaiseAction; stateError?: string }
  | { key: IncidentKey; op: 'resolve'; action: ResolveAction; stateError?: string };

/** Raises or resolves every incident the report speaks to; never throws (the tracker reports failures). */
export async function evaluateAlerts(health: HealthReport, tracker: IncidentTracker): Promise<AlertEvaluation[]> {
  const out: AlertEvaluation[] = [];
  const raise = async (key: IncidentKey, severity: 'warning' | 'critical', title: string, text: string): Promise<void> => {
    const r = await tracker.raise(key, { severity, title, text });
    out.push({ key, op: 'raise', action: r.action, ...(r.stateError ? { stateError: r.stateError } : {}) });
  };
  const resolve = async (key: IncidentKey, text: string): Promise<void> => {
    const r = await tracker.resolve(key, text);
    out.push({ key, op: 'resolve', action: r.action, ...(r.stateError ? { stateError: r.stateError } : {}) });
  };

  const rpo = health.reasons.find((r) => r.code === 'no-verified-backup' || r.code === 'rpo-breached');
  const last = health.rpo.lastSuccess;
  if (rpo) await raise(INCIDENT_KEYS.rpoBreach, 'critical', 'Backup RPO breached', rpo.message);
  else if (last) await resolve(INCIDENT_KEYS.rpoBreach, `backup ${last.backupId} is ${last.ageHours} h old, within the RPO target of ${health.rpo.targetHours} h`);

  const attempt = health.latestAttempt;
  if (attempt?.state === 'failed') await raise(INCIDENT_KEYS.backupFailed, 'warning', 'Backup failed', `backup job ${attempt.jobId} failed: ${attempt.error ?? 'no error recorded'}`);
  else if (attempt?.state === 'succeeded') await resolve(INCIDENT_KEYS.backupFailed, `backup ${attempt.backupId} succeeded`);

  const drill = health.lastDrill;
  if (drill && !drill.ok) await raise(INCIDENT_KEYS.drillFailed, 'warning', 'Restore drill failed', `drill ${drill.drillId} failed at step ${drill.failedStep ?? '?'}`);
  else if (drill?.ok) await resolve(INCIDENT_KEYS.drillFailed, `drill ${drill.drillId} passed${drill.rtoMs === null ? '' : `, RTO ${(drill.rtoMs / 1000).toFixed(1)} s`}`);
  return out;
}
