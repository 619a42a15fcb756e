import { isSelected, parseSelection, selectionRoots } from './selection';

describe('restore selection', () => {
  it.each([
    [[], 'users/u1', true],
    [[], 'backup_jobs/j1', false],
    [['users'], 'users/u1', true],
    [['users'], 'users/u1/events/e1', true],
    [['users'], 'orders/o1', false],
    [['orders/o-1'], 'orders/o-1', true],
    [['orders/o-1'], 'orders/o-1/lineItems/l1', false],
    [['orders/o-1'], 'orders/o-10', false],
    [['orders/o-1/**'], 'orders/o-1/lineItems/l1', true],
    [['users/*/events'], 'users/u9/events/e1', true],
    [['users/*/events'], 'users/u9', false],
    [['users/**'], 'users/u9/events/e1', true],
    // Control collections are never selected, even by a pattern that covers every collection (issue 15, finding 4).
    [['*'], 'users/u1', true],
    [['*'], 'backup_logs/000001', false],
    [['*/**'], 'backup_logs/_head', false],
    [['*/**'], 'backup_config/alerting/incidents/rpo', false],
    [['*/*'], 'restore_jobs/restore-1', false],
  ])('%j selects %s: %s', (patterns, path, expected) => {
    expect(isSelected(parseSelection(patterns), path)).toBe(expected);
  });

  it('refuses traversal and malformed patterns', () => {
    expect(() => parseSelection(['users/../x'])).toThrow(/--only pattern "users\/..\/x"/);
    expect(() => parseSelection(['a//b'])).toThrow(/--only pattern/);
  });

  it.each(['backup_logs', 'backup_logs/**', 'backup_logs/_head', 'backup_jobs', 'restore_jobs/*', 'backup_config/alerting/incidents', 'backup_reports'])(
    'refuses %s: it names a control collection',
    (pattern) => {
      const root = pattern.split('/')[0];
      expect(() => parseSelection(['users', pattern])).toThrow(expect.objectContaining({ code: 'invalid_argument', message: expect.stringContaining(`names the control collection ${root}`) }));
    },
  );

  it('names root collections', () => {
    expect(selectionRoots(parseSelection(['users/u1/**', 'orders']))).toEqual(['orders', 'users']);
    expect(selectionRoots(parseSelection([]))).toBeUndefined();
  });
});
