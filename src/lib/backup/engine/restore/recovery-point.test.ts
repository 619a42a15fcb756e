import type { BackupResult } from '../backup/backup-types';
import type { BackupListItem } from '../backup-dr-engine';

import { isRecoveryPoint, pickRecoveryPoint } from './recovery-point';

const prod = { projectId: 'demo-prod', databaseId: '(default)' };

function item(id: string, patch: Partial<BackupResult> = {}, state: BackupListItem['state'] = 'succeeded'): BackupListItem {
  const result = { backupId: id, verified: true, database: prod, include: [], exclude: ['logs/**'], trigger: 'schedule:daily', deletingAt: null, deletedAt: null, ...patch } as unknown as BackupResult;
  return { backupId: id, jobId: `backup-${id}`, state, method: 'logical', createdAt: '2026-11-24T00:00:00Z', result: state === 'succeeded' ? result : null, error: null };
}

describe('recovery points', () => {
  it('skips safety backups, selections, other databases, unverified, deleted and unfinished backups', () => {
    const newestFirst = [
      item('safety', { trigger: 'safety:restore-1' }),
      item('users-only', { include: ['users'] }),
      item('staging', { database: { projectId: 'demo-prod', databaseId: 'staging' } }),
      item('other-project', { database: { projectId: 'demo-other', databaseId: '(default)' } }),
      item('unverified', { verified: false }),
      item('pruned', { deletedAt: '2026-11-23T00:00:00Z' }),
      item('pruning', { deletingAt: '2026-11-23T00:00:00Z' }),
      item('running', {}, 'running'),
      item('daily'),
      item('older'),
    ];
    expect(pickRecoveryPoint(newestFirst, prod)?.backupId).toBe('daily');
    expect(newestFirst.filter((b) => isRecoveryPoint(b, prod)).map((b) => b.backupId)).toEqual(['daily', 'older']);
  });

  it('accepts manual and drill backups of the whole database, and finds nothing in an empty catalog', () => {
    expect(isRecoveryPoint(item('m', { trigger: 'manual' }), prod)).toBe(true);
    expect(isRecoveryPoint(item('d', { trigger: 'drill' }), prod)).toBe(true);
    expect(pickRecoveryPoint([], prod)).toBeUndefined();
  });
});
