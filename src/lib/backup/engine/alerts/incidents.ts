/**
 * Alert policy: one message when an incident opens and one when it resolves, however many times the failing check
 * fires in between (a scheduler tick every minute must not page someone every minute).
 *
 * Incident keys name the condition, not the occurrence: `backup-failed:<scheduleId>`, `rpo-breach:<scheduleId>`,
 * `verify-failed:<backupId>`.
 */
import type { Clock } from '../../ports';
import type { Alert, AlertDelivery, AlertSender, AlertSeverity, IncidentState, IncidentStateStore } from '../../ports/incidents';

export type RaiseAction = 'sent' | 'escalated' | 'suppressed' | 'send_failed';
export type ResolveAction = 'sent' | 'not_open' | 'closed_unannounced' | 'send_failed';

export interface IncidentOutcome<A> {
  action: A;
  delivery?: AlertDelivery;
  /** Set when reading or saving incident state failed; the alert decision then errs towards sending. */
  stateError?: string;
}

export interface IncidentTracker {
  /** Opens the incident and alerts, unless it is already open and announced at this severity or higher. */
  raise(incidentKey: string, alert: Omit<Alert, 'incidentKey' | 'resolved'>): Promise<IncidentOutcome<RaiseAction>>;
  /** Closes the incident with a resolve message, only if it is open; never-announced incidents close silently. */
  resolve(incidentKey: string, text: string): Promise<IncidentOutcome<ResolveAction>>;
}

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };

/** Never throws: notifier and state failures come back in the outcome, so alerting cannot fail the caller's job. */
export function createIncidentTracker(deps: { notifier: AlertSender; state: IncidentStateStore; clock: Clock }): IncidentTracker {
  const { notifier, state, clock } = deps;

  async function deliver(alert: Alert): Promise<AlertDelivery> {
    try {
      return (await notifier.send(alert)) ?? { delivered: true, attempts: 1 };
    } catch (err) {
      return { delivered: false, attempts: 1, error: messageOf(err) };
    }
  }

  async function read(key: string): Promise<{ current?: IncidentState; stateError?: string }> {
    try {
      return { current: await state.get(key) };
    } catch (err) {
      return { stateError: `reading incident ${key}: ${messageOf(err)}` };
    }
  }

  async function save(key: string, next: IncidentState, stateError?: string): Promise<string | undefined> {
    try {
      await state.set(key, next);
      return stateError;
    } catch (err) {
      return [stateError, `saving incident ${key}: ${messageOf(err)}`].filter(Boolean).join('; ');
    }
  }

  return {
    async raise(incidentKey, alert) {
      const { current, stateError } = await read(incidentKey);
      const heard = current?.open === true && current.notified;
      if (heard && RANK[alert.severity] <= RANK[current.severity]) return { action: 'suppressed', ...(stateError ? { stateError } : {}) };
      const delivery = await deliver({ ...alert, incidentKey });
      const next: IncidentState = {
        open: true,
        severity: alert.severity,
        title: alert.title,
        openedAt: current?.open ? current.openedAt : clock.now().toISOString(),
        notified: delivery.delivered,
        announced: delivery.delivered || (current?.open === true && current.announced),
      };
      const error = await save(incidentKey, next, stateError);
      const action: RaiseAction = !delivery.delivered ? 'send_failed' : heard ? 'escalated' : 'sent';
      return { action, delivery, ...(error ? { stateError: error } : {}) };
    },

    async resolve(incidentKey, text) {
      const { current, stateError } = await read(incidentKey);
      if (!current?.open) return { action: 'not_open', ...(stateError ? { stateError } : {}) };
      const closed: IncidentState = { ...current, open: false, resolvedAt: clock.now().toISOString() };
      if (!current.announced) {
        const error = await save(incidentKey, closed, stateError);
        return { action: 'closed_unannounced', ...(error ? { stateError: error } : {}) };
      }
      const delivery = await deliver({ severity: current.severity, title: `Resolved: ${current.title}`, text, incidentKey, resolved: true });
      // Still open when the resolve message did not land, so the next resolve tries again.
      const error = delivery.delivered ? await save(incidentKey, closed, stateError) : stateError;
      return { action: delivery.delivered ? 'sent' : 'send_failed', delivery, ...(error ? { stateError: error } : {}) };
    },
  };
}

// Duck-typed: errors thrown by SDKs can come from another realm, where `instanceof Error` is false.
function messageOf(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(err);
}
