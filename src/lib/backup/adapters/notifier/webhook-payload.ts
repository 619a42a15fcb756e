/**
 * The two JSON bodies the webhook notifier posts. Slack's incoming-webhook format (also accepted by Mattermost,
 * Rocket.Chat and Teams' Slack-compatible connectors) uses legacy attachments for the coloured side bar:
 * https://api.slack.com/reference/messaging/attachments
 */
import type { Alert } from '../../ports/incidents';

export type WebhookFormat = 'slack' | 'generic';

export interface SlackPayload {
  text: string;
  attachments: Array<{ color: string; title: string; text: string; fields: Array<{ title: string; value: string; short: boolean }> }>;
}

export interface GenericPayload {
  severity: Alert['severity'];
  title: string;
  text: string;
  incidentKey: string;
  resolved: boolean;
  at: string;
}

const COLOR: Record<Alert['severity'], string> = { critical: 'danger', warning: 'warning', info: '#439fe0' };
const EMOJI: Record<Alert['severity'], string> = { critical: ':red_circle:', warning: ':warning:', info: ':information_source:' };

/** Slack-compatible body: a one-line `text` for notifications, the detail in one attachment. */
export function slackPayload(alert: Alert, at: Date): SlackPayload {
  const resolved = alert.resolved === true;
  const headline = resolved ? `:white_check_mark: RESOLVED: ${alert.title}` : `${EMOJI[alert.severity]} ${alert.severity.toUpperCase()}: ${alert.title}`;
  return {
    text: escapeSlack(headline),
    attachments: [
      {
        color: resolved ? 'good' : COLOR[alert.severity],
        title: escapeSlack(alert.title),
        text: escapeSlack(alert.text),
        fields: [
          { title: 'Severity', value: alert.severity, short: true },
          { title: 'Status', value: resolved ? 'resolved' : 'open', short: true },
          { title: 'Incident', value: escapeSlack(alert.incidentKey), short: true },
          { title: 'At', value: at.toISOString(), short: true },
        ],
      },
    ],
  };
}

/** Flat body for receivers of our own (PagerDuty-style routers, a function, a log sink). */
export function genericPayload(alert: Alert, at: Date): GenericPayload {
  return { severity: alert.severity, title: alert.title, text: alert.text, incidentKey: alert.incidentKey, resolved: alert.resolved === true, at: at.toISOString() };
}

export function webhookPayload(format: WebhookFormat, alert: Alert, at: Date): SlackPayload | GenericPayload {
  return format === 'slack' ? slackPayload(alert, at) : genericPayload(alert, at);
}

// Slack reads &, < and > as markup (links, mentions): escape them so an error message cannot ping @channel.
// https://api.slack.com/reference/surfaces/formatting#escaping
function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
