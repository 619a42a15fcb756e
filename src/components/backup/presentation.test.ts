import { JOB_STATE_PRESENTATION, formatAge, formatBytes, formatDuration, presentState } from './presentation';

it('has one presentation per job state, and only queued/running/verifying are active', () => {
  expect(Object.entries(JOB_STATE_PRESENTATION).filter(([, p]) => p.active).map(([s]) => s)).toEqual(['queued', 'running', 'verifying']);
  expect(presentState('succeeded').label).toBe('Verified');
  expect(presentState('exploded')).toEqual({ label: 'exploded', tone: 'neutral', active: false });
});

it('formats sizes, durations and ages', () => {
  expect([formatBytes(0), formatBytes(1536), formatBytes(10 * 1024 * 1024), formatBytes(null)]).toEqual(['0 B', '1.5 KB', '10 MB', '—']);
  expect([formatDuration(450), formatDuration(95_000), formatDuration(3_900_000)]).toEqual(['450 ms', '1 min 35 s', '1 h 5 min']);
  const now = Date.parse('2026-01-02T00:00:00Z');
  expect([formatAge('2026-01-01T23:59:30Z', now), formatAge('2026-01-01T23:00:00Z', now), formatAge('2025-12-28T00:00:00Z', now)]).toEqual(['just now', '1 h ago', '5 d ago']);
});
