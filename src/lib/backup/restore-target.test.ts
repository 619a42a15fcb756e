import {
  formatRestoreTarget,
  parseRestoreTarget,
  parseStagingTarget,
  restoreTargetText,
  stagingTargetSchema,
  stagingTargetText,
  targetDatabase,
  type RestoreTarget,
} from './restore-target';

const source = { projectId: 'demo-prod', databaseId: '(default)' };

describe('restore targets: one grammar (issue 16)', () => {
  it.each<[string, RestoreTarget]>([
    ['staging', { kind: 'staging' }],
    ['production', { kind: 'production' }],
    ['database:restore-x', { kind: 'database', databaseId: 'restore-x' }],
    ['project:demo-stg', { kind: 'project', projectId: 'demo-stg', databaseId: '(default)' }],
    ['project:demo-stg/copy-db', { kind: 'project', projectId: 'demo-stg', databaseId: 'copy-db' }],
  ])('parses %s and formats it back', (text, target) => {
    expect(parseRestoreTarget(text)).toEqual(target);
    expect(formatRestoreTarget(target)).toBe(text);
  });

  it('formats project:<id>/(default) as project:<id>, which parses to the same target', () => {
    const t = parseRestoreTarget('project:demo-stg/(default)');
    expect(t).toEqual({ kind: 'project', projectId: 'demo-stg', databaseId: '(default)' });
    expect(parseRestoreTarget(formatRestoreTarget(t as RestoreTarget))).toEqual(t);
  });

  // The grammars of config.ts and contracts accepted some of these; the engine (which decides) refused them all.
  it.each(['prod', '', 'database:', 'database:(default)', 'database:ab', 'database:../x', 'project:UPPER', 'project:demo-x/', 'project:demo-x/a', 'project:demo-x/../y', 'project:demo-x/db/more', 'staging:x'])(
    'refuses %j',
    (text) => expect(parseRestoreTarget(text)).toBeUndefined(),
  );

  it('a staging target names a database, never staging or production', () => {
    expect(parseStagingTarget('database:stg-db')).toEqual({ kind: 'database', databaseId: 'stg-db' });
    expect(parseStagingTarget('staging')).toBeUndefined();
    expect(parseStagingTarget('production')).toBeUndefined();
  });

  it('the schemas keep text where it is stored and parse where it travels; errors name the forms', () => {
    expect(restoreTargetText.parse('database:restore-x')).toBe('database:restore-x');
    expect(restoreTargetText.safeParse('prod').error?.issues[0]?.message).toBe('staging, production, database:<databaseId> or project:<projectId>[/<databaseId>]');
    expect(stagingTargetText.safeParse('staging').error?.issues[0]?.message).toBe('project:<projectId>[/<databaseId>] or database:<databaseId>');
    expect(stagingTargetSchema.parse('project:demo-stg')).toEqual({ kind: 'project', projectId: 'demo-stg', databaseId: '(default)' });
    expect(stagingTargetSchema.safeParse('production').success).toBe(false);
  });

  it('resolves a target to a database relative to the source; staging through its configured target', () => {
    expect(targetDatabase({ kind: 'production' }, { source })).toEqual(source);
    expect(targetDatabase({ kind: 'database', databaseId: 'restore-x' }, { source })).toEqual({ projectId: 'demo-prod', databaseId: 'restore-x' });
    expect(targetDatabase({ kind: 'project', projectId: 'demo-o', databaseId: 'd-b1' }, { source })).toEqual({ projectId: 'demo-o', databaseId: 'd-b1' });
    expect(targetDatabase({ kind: 'staging' }, { source })).toBeUndefined();
    expect(targetDatabase({ kind: 'staging' }, { source, staging: { kind: 'database', databaseId: 'stg-db' } })).toEqual({ projectId: 'demo-prod', databaseId: 'stg-db' });
  });
});
