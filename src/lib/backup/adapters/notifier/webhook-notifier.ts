/**
 * Notifier over an HTTP webhook (Slack-compatible or generic JSON). Alerts are a side channel: a send never throws
 * into the caller's job; it returns how delivery went and logs failures. One retry with backoff covers a blip;
 * anything longer is the incident tracker's job (an undelivered alert is re-sent on the next raise).
 */
import type { Alert, AlertDelivery, AlertSender } from '../../ports/incidents';
import { EngineError } from '../../errors';
import type { Clock } from '../../ports';

import { webhookPayload, type WebhookFormat } from './webhook-payload';

export interface WebhookNotifierOptions {
  /** http(s) URL. Slack webhook URLs are credentials: it is never logged, only its host. */
  url: string;
  format: WebhookFormat;
  /** Per attempt; default 5 s. */
  timeoutMs?: number;
  /** Wait before the one retry; default 1 s. */
  retryDelayMs?: number;
  /** Extra request headers (an Authorization header for a generic receiver). */
  headers?: Record<string, string>;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** Where failures are reported; default console.warn. Delivered sends are not logged. */
  log?: (message: string, details: Record<string, unknown>) => void;
}

/**
 * Reports delivery, so it is an AlertSender (what the incident tracker takes). The Notifier port's `send` promises
 * `void`; wrap with `asNotifier` where that port is required.
 */
export interface WebhookNotifier extends AlertSender {
  send(alert: Alert): Promise<AlertDelivery>;
}

type Attempt = { ok: true; status: number } | { ok: false; retry: boolean; status?: number; error: string };

/** Refuses a non-http(s) URL at construction, so a misconfiguration shows at startup rather than at the first outage. */
export function createWebhookNotifier(opts: WebhookNotifierOptions): WebhookNotifier {
  const url = parseUrl(opts.url);
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const retryDelayMs = opts.retryDelayMs ?? 1_000;
  const clock = opts.clock ?? { now: () => new Date() };
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const log = opts.log ?? ((message: string, details: Record<string, unknown>) => console.warn(message, details));
  const headers = { 'content-type': 'application/json', ...opts.headers };

  async function attempt(body: string): Promise<Attempt> {
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      const text = await res.text().catch(() => '');
      if (res.ok) return { ok: true, status: res.status };
      // 408/429/5xx are the receiver's trouble and may pass; other 4xx mean our request is wrong and will stay wrong.
      const retry = res.status === 408 || res.status === 429 || res.status >= 500;
      return { ok: false, retry, status: res.status, error: `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
    } catch (err) {
      const name = (err as { name?: unknown } | null)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      return { ok: false, retry: true, error: timedOut ? `timed out after ${timeoutMs} ms` : describeFetchError(err) };
    }
  }

  async function send(alert: Alert): Promise<AlertDelivery> {
    let body: string;
    try {
      body = JSON.stringify(webhookPayload(opts.format, alert, clock.now()));
    } catch (err) {
      return report({ delivered: false, attempts: 0, error: `cannot build the payload: ${describeFetchError(err)}` }, alert.incidentKey);
    }
    let result = await attempt(body);
    let attempts = 1;
    if (!result.ok && result.retry) {
      await sleep(retryDelayMs);
      result = await attempt(body);
      attempts = 2;
    }
    if (result.ok) return { delivered: true, attempts, status: result.status };
    return report({ delivered: false, attempts, error: result.error, ...(result.status === undefined ? {} : { status: result.status }) }, alert.incidentKey);
  }

  function report(delivery: AlertDelivery, incidentKey: string): AlertDelivery {
    try {
      log(`webhook alert to ${url.host} not delivered`, { incidentKey, ...delivery });
    } catch {
      // A broken log sink must not turn a delivery failure into an exception in the caller.
    }
    return delivery;
  }

  return { send };
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (err) {
    throw new EngineError('invalid_argument', 'webhook URL is not a valid URL', { cause: err });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new EngineError('invalid_argument', `webhook URL must be http(s), not ${url.protocol}`);
  return url;
}

/**
 * undici puts the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. Duck-typed, not `instanceof Error`: fetch's
 * errors come from another realm under test runners.
 */
function describeFetchError(err: unknown): string {
  const e = err as { message?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  if (typeof e?.message !== 'string') return String(err);
  const cause = e.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  return detail ? `${e.message} (${detail})` : e.message;
}
