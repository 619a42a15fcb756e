import { fixedClock } from '../testing/fixed-clock';

import { asNotifier, incidentStateSchema, type Alert, type AlertDelivery, type AlertSender } from '../../ports/incidents';

import { createIncidentTracker } from './incidents';
import { createMemoryIncidentState } from './memory-incident-state';

/** A sender that records what it was asked to send and answers from a script (default: delivered). */
function recordingSender(answers: Array<AlertDelivery | void | Error> = []): AlertSender & { sent: Alert[] } {
  const sent: Alert[] = [];
  return {
    sent,
    async send(alert) {
      sent.push(alert);
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const failed: AlertDelivery = { delivered: false, attempts: 2, error: 'HTTP 500' };
const alert = { severity: 'critical' as const, title: 'Backup failed: nightly', text: 'bucket unreachable' };

function setup(answers?: Array<AlertDelivery | void | Error>) {
  const notifier = recordingSender(answers);
  const state = createMemoryIncidentState();
  const clock = fixedClock('2026-11-23T12:00:00.000Z');
  return { notifier, state, clock, tracker: createIncidentTracker({ notifier, state, clock }) };
}

describe('IncidentTracker', () => {
  it('alerts once per incident and once on resolve', async () => {
    const { tracker, notifier, state, clock } = setup();
    expect((await tracker.raise('backup-failed:nightly', alert)).action).toBe('sent');
    clock.advance(60_000);
    expect((await tracker.raise('backup-failed:nightly', alert)).action).toBe('suppressed');
    expect(notifier.sent).toEqual([{ ...alert, incidentKey: 'backup-failed:nightly' }]);
    expect(await tracker.resolve('backup-failed:nightly', 'nightly succeeded')).toMatchObject({ action: 'sent' });
    expect(notifier.sent[1]).toEqual({ severity: 'critical', title: 'Resolved: Backup failed: nightly', text: 'nightly succeeded', incidentKey: 'backup-failed:nightly', resolved: true });
    expect((await tracker.resolve('backup-failed:nightly', 'again')).action).toBe('not_open');
    expect(notifier.sent).toHaveLength(2);
    expect(state.raw.get('backup-failed:nightly')).toMatchObject({ open: false, openedAt: '2026-11-23T12:00:00.000Z', resolvedAt: '2026-11-23T12:01:00.000Z' });
  });

  it('keeps incidents apart by key and opens a new incident after a resolve', async () => {
    const { tracker, notifier } = setup();
    await tracker.raise('a', alert);
    await tracker.raise('b', alert);
    await tracker.resolve('a', 'ok');
    await tracker.raise('a', alert);
    expect(notifier.sent.map((s) => `${s.incidentKey}${s.resolved ? ':resolved' : ''}`)).toEqual(['a', 'b', 'a:resolved', 'a']);
  });

  it('resolving an incident that never opened sends nothing', async () => {
    const { tracker, notifier } = setup();
    expect(await tracker.resolve('nothing', 'fine')).toEqual({ action: 'not_open' });
    expect(notifier.sent).toEqual([]);
  });

  it('re-sends on escalation to a higher severity, not on a lower one', async () => {
    const { tracker, notifier } = setup();
    await tracker.raise('rpo', { ...alert, severity: 'warning' });
    expect((await tracker.raise('rpo', { ...alert, severity: 'critical' })).action).toBe('escalated');
    expect((await tracker.raise('rpo', { ...alert, severity: 'warning' })).action).toBe('suppressed');
    expect(notifier.sent.map((s) => s.severity)).toEqual(['warning', 'critical']);
  });

  it('an undelivered alert is sent again on the next raise, keeping the first opening time', async () => {
    const { tracker, notifier, state, clock } = setup([failed, new Error('socket hang up')]);
    expect(await tracker.raise('k', alert)).toMatchObject({ action: 'send_failed', delivery: failed });
    clock.advance(60_000);
    expect(await tracker.raise('k', alert)).toMatchObject({ action: 'send_failed', delivery: { delivered: false, error: 'socket hang up' } });
    expect((await tracker.raise('k', alert)).action).toBe('sent');
    expect(notifier.sent).toHaveLength(3);
    expect(state.raw.get('k')).toMatchObject({ open: true, notified: true, openedAt: '2026-11-23T12:00:00.000Z' });
  });

  it('an incident nobody heard about closes without a resolve message', async () => {
    const { tracker, notifier } = setup([failed]);
    await tracker.raise('k', alert);
    expect((await tracker.resolve('k', 'ok')).action).toBe('closed_unannounced');
    expect(notifier.sent).toHaveLength(1);
  });

  it('an undelivered resolve leaves the incident open so the next resolve tries again', async () => {
    const { tracker, notifier } = setup([undefined, failed]);
    await tracker.raise('k', alert);
    expect((await tracker.resolve('k', 'ok')).action).toBe('send_failed');
    expect((await tracker.resolve('k', 'ok')).action).toBe('sent');
    expect(notifier.sent.filter((s) => s.resolved)).toHaveLength(2);
  });

  it('errs towards sending when incident state cannot be read, and reports why', async () => {
    const notifier = recordingSender();
    const broken = { get: async () => Promise.reject(new Error('control db down')), set: async () => Promise.reject(new Error('still down')) };
    const tracker = createIncidentTracker({ notifier, state: broken, clock: fixedClock() });
    const outcome = await tracker.raise('k', alert);
    expect(outcome).toMatchObject({ action: 'sent', stateError: 'reading incident k: control db down; saving incident k: still down' });
    expect(await tracker.resolve('k', 'ok')).toMatchObject({ action: 'not_open', stateError: expect.stringContaining('control db down') });
  });

  it('asNotifier forwards to the sender and hides the delivery report', async () => {
    const sender = recordingSender([failed]);
    await expect(asNotifier(sender).send({ ...alert, incidentKey: 'k' })).resolves.toBeUndefined();
    expect(sender.sent).toEqual([{ ...alert, incidentKey: 'k' }]);
  });

  it('what it stores parses with the boundary schema', async () => {
    const { tracker, state } = setup();
    await tracker.raise('k', alert);
    await tracker.resolve('k', 'ok');
    expect(incidentStateSchema.parse(state.raw.get('k'))).toEqual(state.raw.get('k'));
    expect(incidentStateSchema.safeParse({ ...state.raw.get('k'), severity: 'meh' }).success).toBe(false);
  });
});
