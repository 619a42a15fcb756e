/** What the CLI prints for jobs: the job line, a restore waiting for its approval, the jobs table. */
import { newJob, type Job } from '../../src/lib/backup/engine/jobs/job';

import { jobLine, printJobs, printRestoreResult } from './backup-output';

const at = new Date('2026-01-01T02:00:00Z');

function printed(fn: () => void): string {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}

const restore = (params: Record<string, unknown>): Job => newJob({ id: 'restore-20260101T020000Z-abcdef', kind: 'restore', params: { restoreId: '20260101T020000Z-abcdef', ...params } }, at);

it('the job line names the command that follows the job', () => {
  expect(jobLine('backup-x')).toBe('job backup-x queued — follow it with: npm run backup -- status backup-x');
});

it('says a production restore waits for a second admin, and how it continues', () => {
  const text = printed(() => printRestoreResult(restore({ approvalRequired: true, approvedBy: null }), false));
  expect(text).toContain("waits for a second admin's approval");
  expect(text).toContain('npm run backup -- status restore-20260101T020000Z-abcdef');
  expect(printed(() => printRestoreResult(restore({ approvalRequired: true, approvedBy: { uid: 'a2' } }), false))).not.toContain('approval');
});

it('lists jobs one per line with what matters for each state', () => {
  const running: Job = { ...newJob({ id: 'backup-b1', kind: 'backup', params: {} }, at), state: 'running', progress: { phase: 'reading', documents: 7, bytes: 2048, collectionsDone: 0, collectionsTotal: null, documentsTotal: null, etaSeconds: null, updatedAt: at.toISOString() } };
  const failed: Job = { ...newJob({ id: 'backup-b0', kind: 'backup', params: {} }, at), state: 'failed', error: { code: 'unavailable', message: 'emulator gone', retryable: true } };
  const text = printed(() => printJobs([running, failed, restore({ approvalRequired: true })], false));
  expect(text.split('\n')).toEqual([
    expect.stringMatching(/^job id +kind +state +created +detail$/),
    expect.stringMatching(/^backup-b1 +backup +running +2026-01-01T02:00:00.000Z +reading: 7 docs, 0.00 MB$/),
    expect.stringMatching(/^backup-b0 +backup +failed .* unavailable: emulator gone$/),
    expect.stringMatching(/^restore-\S+ +restore +queued .* waits for a second admin's approval$/),
  ]);
  expect(printed(() => printJobs([], false))).toBe('no jobs match');
});
