/**
 * Alert ports: the sender that delivers an alert (and may report how delivery went) and the store that keeps incident
 * state between runs, so the alert policy (engine/alerts/incidents.ts) pages once per incident, not once per tick.
 */
import { z } from 'zod';

import type { Notifier } from '../ports';

/** What the Notifier port sends. */
export type Alert = Parameters<Notifier['send']>[0];
export type AlertSeverity = Alert['severity'];

/** How one send went. Notifiers that can tell return it; the port allows `void`, which counts as delivered. */
export type AlertDelivery =
  | { delivered: true; attempts: number; status?: number }
  | { delivered: false; attempts: number; status?: number; error: string };

/**
 * A Notifier whose `send` may report delivery (the webhook notifier does). Contract: `send` resolves with the
 * delivery report (or void = delivered) and does not throw for a failed delivery; a throw is treated as undelivered.
 */
export interface AlertSender {
  send(alert: Alert): Promise<AlertDelivery | void>;
}

/** The Notifier port view of a sender (drops the delivery report). */
export function asNotifier(sender: AlertSender): Notifier {
  return {
    send: async (alert) => {
      await sender.send(alert);
    },
  };
}

export interface IncidentState {
  open: boolean;
  severity: AlertSeverity;
  title: string;
  openedAt: string;
  /** Whether the message at the current severity reached anyone; if not, the next raise sends again. */
  notified: boolean;
  /** Whether any message of this incident reached anyone: only then is a resolve message sent. */
  announced: boolean;
  resolvedAt?: string;
}

/** For stores that read state back from a database: parse it at that boundary. */
export const incidentStateSchema = z.object({
  open: z.boolean(),
  severity: z.enum(['info', 'warning', 'critical']),
  title: z.string(),
  openedAt: z.string(),
  notified: z.boolean(),
  announced: z.boolean(),
  resolvedAt: z.string().optional(),
}) satisfies z.ZodType<IncidentState>;

/**
 * Where incident state lives between runs (Firestore in production, memory in tests). `get`/`set` are not a
 * compare-and-set: two processes raising the same key at the same instant may both send. That duplicate is accepted;
 * a missed alert is not.
 */
export interface IncidentStateStore {
  get(incidentKey: string): Promise<IncidentState | undefined>;
  set(incidentKey: string, state: IncidentState): Promise<void>;
}
