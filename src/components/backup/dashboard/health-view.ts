/**
 * The engine's health assessment as the dashboard reads it from `GET /api/admin/backup` (`health`). The API types it
 * as an open record, and components may not import the engine's types, so this narrows it field by field: a missing
 * or malformed field shows as "—", never as a crash.
 */

export type HealthStatusName = 'healthy' | 'warning' | 'critical';

export interface HealthView {
  status: HealthStatusName | null;
  reasons: { code: string; severity: 'warning' | 'critical'; message: string }[];
  rpo: { targetHours: number | null; lastSuccess: { backupId: string; at: string; ageHours: number } | null; withinTarget: boolean | null };
  window: { days: number; succeeded: number; failed: number; successRate: number | null } | null;
  averageDurationMs: number | null;
  lastDrill: { drillId: string; at: string; ok: boolean; rtoMs: number | null; failedStep: string | null } | null;
  legalHolds: number | null;
  nextScheduledRun: { scheduleId: string; at: string } | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function lastSuccessOf(v: unknown): HealthView['rpo']['lastSuccess'] {
  const o = obj(v);
  const backupId = str(o?.backupId);
  const at = str(o?.at);
  const ageHours = num(o?.ageHours);
  return backupId && at && ageHours !== null ? { backupId, at, ageHours } : null;
}

function drillOf(v: unknown): HealthView['lastDrill'] {
  const o = obj(v);
  const drillId = str(o?.drillId);
  const at = str(o?.at);
  if (!drillId || !at) return null;
  return { drillId, at, ok: o?.ok === true, rtoMs: num(o?.rtoMs), failedStep: str(o?.failedStep) };
}

function windowOf(v: unknown): HealthView['window'] {
  const o = obj(v);
  if (!o) return null;
  return { days: num(o.days) ?? 30, succeeded: num(o.succeeded) ?? 0, failed: num(o.failed) ?? 0, successRate: num(o.successRate) };
}

/** Narrows the API's `health` record; undefined when the server sends none. */
export function readHealth(raw: unknown): HealthView | undefined {
  const h = obj(raw);
  if (!h) return undefined;
  const status = h.status === 'healthy' || h.status === 'warning' || h.status === 'critical' ? h.status : null;
  const reasons = Array.isArray(h.reasons)
    ? h.reasons.flatMap((r) => {
        const o = obj(r);
        const message = str(o?.message);
        return message ? [{ code: str(o?.code) ?? 'unknown', severity: o?.severity === 'critical' ? ('critical' as const) : ('warning' as const), message }] : [];
      })
    : [];
  const rpo = obj(h.rpo);
  const next = obj(h.nextScheduledRun);
  const nextAt = str(next?.at);
  return {
    status,
    reasons,
    rpo: { targetHours: num(rpo?.targetHours), lastSuccess: lastSuccessOf(rpo?.lastSuccess), withinTarget: typeof rpo?.withinTarget === 'boolean' ? rpo.withinTarget : null },
    window: windowOf(h.window),
    averageDurationMs: num(h.averageDurationMs),
    lastDrill: drillOf(h.lastDrill),
    legalHolds: num(h.legalHolds),
    nextScheduledRun: nextAt ? { scheduleId: str(next?.scheduleId) ?? '', at: nextAt } : null,
  };
}
