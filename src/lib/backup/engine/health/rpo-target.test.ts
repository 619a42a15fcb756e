import { effectiveRpoTarget, rpoInputs } from './rpo-target';

const schedule = (id: string, rpoTargetHours: number, enabled = true) => ({ id, cron: '0 2 * * *', timeZone: 'UTC', enabled, rpoTargetHours });

describe('the RPO target in force: one derivation (issue 16)', () => {
  it('is the tightest enabled schedule’s target', () => {
    expect(effectiveRpoTarget([schedule('a', 24), schedule('b', 6), schedule('c', 1, false)], 48)).toBe(6);
  });

  it('falls back to the configured target without an enabled schedule', () => {
    expect(effectiveRpoTarget([], 24)).toBe(24);
    expect(effectiveRpoTarget([schedule('off', 1, false)], 24)).toBe(24);
  });

  it('a schedule that does not say it is disabled counts (as in the health assessment)', () => {
    expect(effectiveRpoTarget([{ rpoTargetHours: 3 }], 24)).toBe(3);
  });

  it('the health inputs carry the target and each schedule’s timing, nothing else', () => {
    expect(rpoInputs([schedule('a', 12), schedule('b', 2, false)], 24)).toEqual({
      rpoTargetHours: 12,
      schedules: [
        { id: 'a', cron: '0 2 * * *', timeZone: 'UTC', enabled: true },
        { id: 'b', cron: '0 2 * * *', timeZone: 'UTC', enabled: false },
      ],
    });
  });
});
