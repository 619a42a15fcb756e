// The audit trail in the health report (issue 15, finding 4): an unkeyed chain is an attention item.
import { assessHealth, type HealthInput } from './assess-health';
import { backupRow, drillRow } from './testing/fixtures';

const now = new Date('2026-11-23T12:00:00.000Z');
const healthy: HealthInput = { now, rpoTargetHours: 24, database: { projectId: 'demo-app', databaseId: '(default)' }, backups: [backupRow(now, 2)], lastDrill: drillRow(now, 3, true), encryptionKeyConfigured: true };

describe('assessHealth and the audit trail', () => {
  it('an unkeyed audit chain is a warning naming BACKUP_AUDIT_HMAC_KEY; keyed (or not assessed) adds nothing', () => {
    const h = assessHealth({ ...healthy, auditKeyed: false });
    expect(h.status).toBe('warning');
    expect(h.reasons).toEqual([{ code: 'audit-unkeyed', severity: 'warning', message: expect.stringContaining('BACKUP_AUDIT_HMAC_KEY') }]);
    expect(assessHealth({ ...healthy, auditKeyed: true })).toMatchObject({ status: 'healthy', reasons: [] });
    expect(assessHealth(healthy)).toMatchObject({ status: 'healthy', reasons: [] });
  });
});
