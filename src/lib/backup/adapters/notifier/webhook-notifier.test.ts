// Against a real HTTP receiver on loopback: what goes over the wire is what a Slack or generic endpoint would see.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createIncidentTracker } from '../../engine/alerts/incidents';
import { createMemoryIncidentState } from '../../engine/alerts/memory-incident-state';
import { fixedClock } from '../../engine/testing/fixed-clock';

import { createWebhookNotifier, type WebhookNotifierOptions } from './webhook-notifier';

interface Received {
  path: string;
  contentType?: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/** A receiver that records POSTs and answers with the next scripted status (200 when the script is empty). */
class Receiver {
  readonly posts: Received[] = [];
  readonly statuses: Array<number | 'hang'> = [];
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/T000/secret-token`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    this.posts.push({
      path: req.url ?? '',
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
    });
    const status = this.statuses.shift() ?? 200;
    if (status === 'hang') return;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver trouble');
  }
}

const clock = fixedClock('2026-11-23T12:00:00.000Z');
const alert = { severity: 'critical' as const, title: 'Backup failed: nightly <@channel>', text: 'bucket unreachable', incidentKey: 'backup-failed:nightly' };

describe('webhook notifier', () => {
  let receiver: Receiver;
  let url: string;
  let logged: Array<{ message: string; details: Record<string, unknown> }>;
  const notifier = (over: Partial<WebhookNotifierOptions> = {}) =>
    createWebhookNotifier({ url, format: 'generic', clock, retryDelayMs: 10, timeoutMs: 2_000, log: (message, details) => logged.push({ message, details }), ...over });

  beforeEach(async () => {
    receiver = new Receiver();
    url = await receiver.start();
    logged = [];
  });
  afterEach(async () => receiver.stop());

  it('posts generic JSON', async () => {
    expect(await notifier({ headers: { authorization: 'Bearer abc' } }).send(alert)).toEqual({ delivered: true, attempts: 1, status: 200 });
    expect(receiver.posts).toEqual([
      {
        path: '/hooks/T000/secret-token',
        contentType: 'application/json',
        authorization: 'Bearer abc',
        body: { severity: 'critical', title: alert.title, text: 'bucket unreachable', incidentKey: 'backup-failed:nightly', resolved: false, at: '2026-11-23T12:00:00.000Z' },
      },
    ]);
    expect(logged).toEqual([]);
  });

  it('posts Slack-compatible JSON with markup escaped', async () => {
    await notifier({ format: 'slack' }).send(alert);
    await notifier({ format: 'slack' }).send({ ...alert, resolved: true });
    const [open, resolved] = receiver.posts.map((p) => p.body);
    expect(open).toEqual({
      text: ':red_circle: CRITICAL: Backup failed: nightly &lt;@channel&gt;',
      attachments: [
        {
          color: 'danger',
          title: 'Backup failed: nightly &lt;@channel&gt;',
          text: 'bucket unreachable',
          fields: [
            { title: 'Severity', value: 'critical', short: true },
            { title: 'Status', value: 'open', short: true },
            { title: 'Incident', value: 'backup-failed:nightly', short: true },
            { title: 'At', value: '2026-11-23T12:00:00.000Z', short: true },
          ],
        },
      ],
    });
    expect(resolved).toMatchObject({ text: expect.stringMatching(/^:white_check_mark: RESOLVED: /), attachments: [{ color: 'good', fields: expect.arrayContaining([{ title: 'Status', value: 'resolved', short: true }]) }] });
  });

  it('retries once after a 500 and reports the delivery', async () => {
    receiver.statuses.push(500);
    expect(await notifier().send(alert)).toEqual({ delivered: true, attempts: 2, status: 200 });
    expect(receiver.posts).toHaveLength(2);
    expect(receiver.posts[1]?.body).toEqual(receiver.posts[0]?.body);
  });

  it('gives up after the retry, without throwing, and logs without the secret URL', async () => {
    receiver.statuses.push(503, 502);
    const result = await notifier().send(alert);
    expect(result).toEqual({ delivered: false, attempts: 2, status: 502, error: 'HTTP 502: receiver trouble' });
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toMatch(/^webhook alert to 127\.0\.0\.1:\d+ not delivered$/);
    expect(JSON.stringify(logged)).not.toContain('secret-token');
  });

  it('does not retry a 4xx: the request itself is wrong', async () => {
    receiver.statuses.push(400);
    expect(await notifier().send(alert)).toMatchObject({ delivered: false, attempts: 1, status: 400 });
    expect(receiver.posts).toHaveLength(1);
  });

  it('times out a receiver that never answers, and retries', async () => {
    receiver.statuses.push('hang', 'hang');
    expect(await notifier({ timeoutMs: 200 }).send(alert)).toEqual({ delivered: false, attempts: 2, error: 'timed out after 200 ms' });
    expect(receiver.posts).toHaveLength(2);
  });

  it('reports a receiver that is down instead of throwing', async () => {
    await receiver.stop();
    const result = await notifier().send(alert);
    expect(result).toMatchObject({ delivered: false, attempts: 2, error: expect.stringContaining('ECONNREFUSED') });
    expect(logged).toHaveLength(1);
    receiver = new Receiver();
    await receiver.start();
  });

  it('waits the backoff between attempts', async () => {
    receiver.statuses.push(500);
    const waits: number[] = [];
    await notifier({ retryDelayMs: 1234, sleep: async (ms) => void waits.push(ms) }).send(alert);
    expect(waits).toEqual([1234]);
  });

  it('refuses a URL that is not http(s) when it is configured', () => {
    expect(() => createWebhookNotifier({ url: 'file:///etc/passwd', format: 'slack' })).toThrow(/must be http\(s\)/);
    expect(() => createWebhookNotifier({ url: 'not a url', format: 'slack' })).toThrow(/not a valid URL/);
  });

  describe('with the incident tracker', () => {
    const tracked = () => createIncidentTracker({ notifier: notifier(), state: createMemoryIncidentState(), clock });
    const { incidentKey: _key, ...raised } = alert;

    it('raise twice → one POST; resolve → one POST with resolved; resolve again → nothing', async () => {
      const tracker = tracked();
      await tracker.raise('backup-failed:nightly', raised);
      await tracker.raise('backup-failed:nightly', raised);
      expect(receiver.posts).toHaveLength(1);
      expect(await tracker.resolve('backup-failed:nightly', 'nightly succeeded')).toMatchObject({ action: 'sent', delivery: { delivered: true } });
      expect(receiver.posts).toHaveLength(2);
      expect(receiver.posts[1]?.body).toMatchObject({ resolved: true, incidentKey: 'backup-failed:nightly', text: 'nightly succeeded' });
      expect((await tracker.resolve('backup-failed:nightly', 'again')).action).toBe('not_open');
      expect(receiver.posts).toHaveLength(2);
    });

    it('an alert lost to a down receiver is sent on the next raise once it is back', async () => {
      const tracker = tracked();
      receiver.statuses.push(500, 500);
      expect((await tracker.raise('k', raised)).action).toBe('send_failed');
      expect((await tracker.raise('k', raised)).action).toBe('sent');
      expect((await tracker.raise('k', raised)).action).toBe('suppressed');
      expect(receiver.posts).toHaveLength(3);
    });
  });
});
