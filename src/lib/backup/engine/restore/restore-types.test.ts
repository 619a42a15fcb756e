import { resolveTarget, toRestoreTarget } from './restore-types';

const source = { projectId: 'demo-prod', databaseId: '(default)' };

describe('the engine resolves a parsed restore target (issue 16)', () => {
  it('parses text once with the one grammar; a parsed target passes through', () => {
    expect(toRestoreTarget('database:restore-x')).toEqual({ kind: 'database', databaseId: 'restore-x' });
    const parsed = { kind: 'staging' } as const;
    expect(toRestoreTarget(parsed)).toBe(parsed);
    expect(() => toRestoreTarget('database:(default)')).toThrow(expect.objectContaining({ code: 'invalid_argument', message: expect.stringContaining('database:<databaseId>') }));
  });

  it('staging resolves through the configured staging target, and is refused when none is configured', () => {
    expect(resolveTarget({ kind: 'staging' }, source, { kind: 'project', projectId: 'demo-stg', databaseId: '(default)' })).toEqual({ projectId: 'demo-stg', databaseId: '(default)' });
    expect(() => resolveTarget({ kind: 'staging' }, source, undefined)).toThrow(expect.objectContaining({ code: 'failed_precondition' }));
  });

  it('production is the source; any other target that lands on the source is refused', () => {
    expect(resolveTarget({ kind: 'production' }, source, undefined)).toEqual(source);
    expect(() => resolveTarget({ kind: 'project', ...source }, source, undefined)).toThrow(expect.objectContaining({ code: 'invalid_argument', message: expect.stringContaining("project:demo-prod is the backup's source") }));
    expect(() => resolveTarget({ kind: 'staging' }, source, { kind: 'project', ...source })).toThrow(expect.objectContaining({ code: 'invalid_argument', message: expect.stringContaining("staging (project:demo-prod) is the backup's source") }));
  });
});
