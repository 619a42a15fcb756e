import { readHealth } from './health-view';

it('narrows the health record and tolerates missing fields', () => {
  expect(readHealth(undefined)).toBeUndefined();
  const h = readHealth({ status: 'warning', reasons: [{ code: 'drill-missing', severity: 'warning', message: 'no drill' }, { bad: 1 }], rpo: { targetHours: 24, lastSuccess: null, withinTarget: false }, window: { days: 30, succeeded: 3, failed: 1, successRate: 0.75 }, lastDrill: null, nextScheduledRun: { scheduleId: 'nightly', at: '2026-01-01T03:00:00Z' } });
  expect(h?.status).toBe('warning');
  expect(h?.reasons).toEqual([{ code: 'drill-missing', severity: 'warning', message: 'no drill' }]);
  expect(h?.window?.successRate).toBe(0.75);
  expect(h?.nextScheduledRun).toEqual({ scheduleId: 'nightly', at: '2026-01-01T03:00:00Z' });
  expect(readHealth({ status: 'bogus' })?.status).toBeNull();
});
