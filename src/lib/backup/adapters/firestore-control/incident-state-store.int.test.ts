import { Firestore } from '@google-cloud/firestore';

import { testProjectId } from '../../../../test/emulator-env';
import { createIncidentTracker } from '../../engine/alerts/incidents';
import type { IncidentState } from '../../ports/incidents';
import { startWebhookReceiver } from '../../engine/health/testing/webhook-receiver';
import { fixedClock } from '../../engine/testing/fixed-clock';
import { isEngineError } from '../../errors';
import { createWebhookNotifier } from '../notifier/webhook-notifier';

import { createFirestoreIncidentStateStore, incidentDocId, INCIDENTS_PATH } from './incident-state-store';

const db = new Firestore({ projectId: testProjectId('incidents') });
afterAll(() => db.terminate());

const open: IncidentState = { open: true, severity: 'critical', title: 'RPO breached', openedAt: '2026-11-23T12:00:00.000Z', notified: true, announced: true };

describe('Firestore IncidentStateStore', () => {
  it('round-trips state under backup_config/alerting/incidents, keys with / and . encoded', async () => {
    const store = createFirestoreIncidentStateStore(db);
    expect(await store.get('backup-failed:nightly/eu.west')).toBeUndefined();
    await store.set('backup-failed:nightly/eu.west', open);
    expect(await store.get('backup-failed:nightly/eu.west')).toEqual(open);
    const raw = await db.doc(`${INCIDENTS_PATH}/${incidentDocId('backup-failed:nightly/eu.west')}`).get();
    expect(raw.id).toBe('backup-failed%3Anightly%2Feu%2Ewest');
    expect(raw.data()).toEqual(open);
    await store.set('backup-failed:nightly/eu.west', { ...open, open: false, resolvedAt: '2026-11-23T13:00:00.000Z' });
    expect(await store.get('backup-failed:nightly/eu.west')).toEqual({ ...open, open: false, resolvedAt: '2026-11-23T13:00:00.000Z' });
  });

  it('refuses a malformed stored incident and an empty key', async () => {
    const store = createFirestoreIncidentStateStore(db, { path: 'scratch/x/incidents' });
    await db.doc('scratch/x/incidents/k').set({ ...open, severity: 'meh' });
    expect(isEngineError(await store.get('k').catch((e: unknown) => e), 'integrity')).toBe(true);
    expect(() => incidentDocId('')).toThrow(/must not be empty/);
  });

  it('backs the tracker across processes: a second tracker on the same database does not re-send', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const clock = fixedClock();
      const tracker = () => createIncidentTracker({ notifier: createWebhookNotifier({ url: receiver.url, format: 'generic', clock }), state: createFirestoreIncidentStateStore(db, { path: 'cross/p/incidents' }), clock });
      expect((await tracker().raise('rpo-breach', { severity: 'critical', title: 'RPO', text: 'old' })).action).toBe('sent');
      expect((await tracker().raise('rpo-breach', { severity: 'critical', title: 'RPO', text: 'old' })).action).toBe('suppressed');
      expect((await tracker().resolve('rpo-breach', 'fresh')).action).toBe('sent');
      expect(receiver.posts.map((p) => [p.incidentKey, p.resolved])).toEqual([['rpo-breach', false], ['rpo-breach', true]]);
    } finally {
      await receiver.stop();
    }
  });
});
