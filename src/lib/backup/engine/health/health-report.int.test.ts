// `backup:report` end to end on the emulator: health stored in backup_reports, alerts to a real HTTP receiver.
import { runReportCommand } from '../../../../../scripts/lib/report-command';
import { seedDemoData } from '../../../demo/seed-demo-data';
import { createEngineHarness, type EngineHarness } from '../testing/engine-harness';

import { healthReportSchema } from './health-report';
import { captureLog, harnessRuntime } from './testing/harness-runtime';
import { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver';


describe('backup:report', () => {
  let h: EngineHarness;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    h = createEngineHarness('report');
    receiver = await startWebhookReceiver();
    await seedDemoData(h.db, { documents: 30, seed: 3, projectId: h.projectId });
  });
  afterAll(async () => {
    await receiver.stop();
    await h.close();
  });

  const report = (json = false) => captureLog(() => runReportCommand(harnessRuntime(h, { alertWebhookUrl: receiver.url }), {}, json));
  const incidents = () => receiver.posts.map((p) => {
    const fields = (p.attachments as Array<{ fields: Array<{ title: string; value: string }> }>)[0]?.fields ?? [];
    return `${fields.find((f) => f.title === 'Incident')?.value}:${fields.find((f) => f.title === 'Status')?.value}`;
  });

  it('raises the RPO breach once across two runs and resolves it once when a fresh backup lands', async () => {
    const first = await report();
    expect(first.result).toBe(1);
    expect(first.out).toMatch(/Backup health: ✗ CRITICAL/);
    expect(first.out).toMatch(/no-verified-backup: there is no verified backup/);
    expect((await report()).result).toBe(1);
    expect(incidents()).toEqual(['rpo-breach:open']);

    const job = await h.engine.createBackup({ method: 'logical', trigger: 'cli' });
    expect((await h.run(job.id)).state).toBe('succeeded');
    const third = await report(true);
    expect(third.result).toBe(0);
    const printed = JSON.parse(third.out) as { health: unknown; alerts: Array<{ key: string; action: string }> };
    const health = healthReportSchema.parse(printed.health);
    expect(health.status).toBe('warning');
    // The harness has no key: the default writes plaintext, and health says so.
    expect(health.reasons.map((r) => r.code)).toEqual(['drill-missing', 'backups-not-encrypted']);
    expect(health.rpo.lastSuccess?.jobId).toBe(job.id);
    expect(health.window).toEqual({ days: 30, succeeded: 1, failed: 0, successRate: 1 });
    expect(printed.alerts).toContainEqual({ key: 'rpo-breach', op: 'resolve', action: 'sent' });
    expect((await report()).result).toBe(0);
    expect(incidents()).toEqual(['rpo-breach:open', 'rpo-breach:resolved']);

    // Second path: four health reports in backup_reports, the incident closed in backup_config.
    const stored = await h.db.collection('backup_reports').where('kind', '==', 'health').get();
    expect(stored.docs.map((d) => healthReportSchema.parse(d.get('payload')).status).sort()).toEqual(['critical', 'critical', 'warning', 'warning']);
    const incident = await h.db.doc('backup_config/alerting/incidents/rpo-breach').get();
    expect(incident.get('open')).toBe(false);
  });
});
