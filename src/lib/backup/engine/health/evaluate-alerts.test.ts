import type { Alert } from '../../ports/incidents';
import { createIncidentTracker } from '../alerts/incidents';
import { createMemoryIncidentState } from '../alerts/memory-incident-state';
import { fixedClock } from '../testing/fixed-clock';

import { assessHealth } from './assess-health';
import { evaluateAlerts } from './evaluate-alerts';
import { backupRow, drillRow } from './testing/fixtures';

const DB = { projectId: 'demo-app', databaseId: '(default)' };

function setup() {
  const sent: Alert[] = [];
  const clock = fixedClock('2026-11-23T12:00:00.000Z');
  const tracker = createIncidentTracker({ notifier: { send: async (a) => void sent.push(a) }, state: createMemoryIncidentState(), clock });
  return { sent, clock, tracker };
}

describe('evaluateAlerts', () => {
  it('raises an RPO breach once across runs and resolves it once when a fresh backup lands', async () => {
    const { sent, clock, tracker } = setup();
    const stale = [backupRow(clock.now(), 30)];
    const first = await evaluateAlerts(assessHealth({ now: clock.now(), rpoTargetHours: 24, database: DB, backups: stale, lastDrill: null, encryptionKeyConfigured: true }), tracker);
    expect(first).toEqual([
      { key: 'rpo-breach', op: 'raise', action: 'sent' },
      { key: 'backup-failed', op: 'resolve', action: 'not_open' },
    ]);
    clock.advance(60_000);
    const second = await evaluateAlerts(assessHealth({ now: clock.now(), rpoTargetHours: 24, database: DB, backups: stale, lastDrill: null, encryptionKeyConfigured: true }), tracker);
    expect(second[0]).toEqual({ key: 'rpo-breach', op: 'raise', action: 'suppressed' });
    const fresh = [backupRow(clock.now(), 0.1), ...stale];
    await evaluateAlerts(assessHealth({ now: clock.now(), rpoTargetHours: 24, database: DB, backups: fresh, lastDrill: null, encryptionKeyConfigured: true }), tracker);
    await evaluateAlerts(assessHealth({ now: clock.now(), rpoTargetHours: 24, database: DB, backups: fresh, lastDrill: null, encryptionKeyConfigured: true }), tracker);
    expect(sent.map((a) => [a.incidentKey, a.severity, a.resolved ?? false])).toEqual([
      ['rpo-breach', 'critical', false],
      ['rpo-breach', 'critical', true],
    ]);
    expect(sent[0]?.text).toBe('the newest verified whole-database backup is 30 h old, past the RPO target of 24 h');
  });

  it('treats "no verified backup at all" as an RPO breach', async () => {
    const { sent, clock, tracker } = setup();
    await evaluateAlerts(assessHealth({ now: clock.now(), rpoTargetHours: 24, database: DB, backups: [], lastDrill: null, encryptionKeyConfigured: true }), tracker);
    expect(sent).toEqual([expect.objectContaining({ incidentKey: 'rpo-breach', text: expect.stringMatching(/^there is no verified backup of the whole database: it could not be recovered/) })]);
  });

  it('raises a failed backup and a failed drill, and resolves them when the next ones pass', async () => {
    const { sent, clock, tracker } = setup();
    const now = clock.now();
    const bad = assessHealth({ now, rpoTargetHours: 24, database: DB, backups: [backupRow(now, 1, { state: 'failed' }), backupRow(now, 2)], lastDrill: drillRow(now, 0, false), encryptionKeyConfigured: true });
    await evaluateAlerts(bad, tracker);
    const good = assessHealth({ now, rpoTargetHours: 24, database: DB, backups: [backupRow(now, 0.5), backupRow(now, 1, { state: 'failed' })], lastDrill: drillRow(now, 0, true), encryptionKeyConfigured: true });
    await evaluateAlerts(good, tracker);
    expect(sent.map((a) => `${a.incidentKey}${a.resolved ? ' resolved' : ''}: ${a.text}`)).toEqual([
      'backup-failed: backup job backup-b-1 failed: bucket unreachable',
      'drill-failed: drill drill-0 failed at step compare',
      'backup-failed resolved: backup b-0_5 succeeded',
      'drill-failed resolved: drill drill-0 passed, RTO 4.2 s',
    ]);
  });
});
