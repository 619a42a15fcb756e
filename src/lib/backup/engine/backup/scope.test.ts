import { collectionKeyOfDocument, inScope, parseScope, rootCollectionsOf } from './scope';

describe('backup scope', () => {
  it('keys documents by collection shape', () => {
    expect(collectionKeyOfDocument('users/u1')).toBe('users');
    expect(collectionKeyOfDocument('users/u1/events/e1')).toBe('users/*/events');
  });

  it.each([
    [{}, 'users/u1', true],
    [{}, 'backup_jobs/backup-1', false],
    [{}, 'backup_logs/0001', false],
    [{ include: ['backup_jobs'] }, 'backup_jobs/backup-1', true],
    [{ include: ['users'] }, 'users/u1/events/e1', true],
    [{ include: ['users'] }, 'orders/o1', false],
    [{ include: ['users/*/events'] }, 'users/u1', false],
    [{ include: ['users/*/events'] }, 'users/u1/events/e1', true],
    [{ exclude: ['logs/**'] }, 'logs/l1/lines/x', false],
    [{ exclude: ['logs/**'] }, 'logsarchive/x', true],
    [{ exclude: ['users/*/events'] }, 'users/u1', true],
    [{ exclude: ['users/*/events'] }, 'users/u1/events/e1', false],
    [{ include: ['*/*/children'] }, 'ghosts/missing-parent/children/c-1', true],
  ])('%j covers %s: %s', (input, path, expected) => {
    expect(inScope(parseScope(input), path)).toBe(expected);
  });

  it('refuses malformed patterns', () => {
    expect(() => parseScope({ include: ['users/../x'] })).toThrow(/include pattern "users\/..\/x" is not a collection path pattern/);
    expect(() => parseScope({ exclude: ['a//b'] })).toThrow(/exclude pattern/);
  });

  it('names the root collections a scope can touch', () => {
    expect(rootCollectionsOf(parseScope({}))).toBeUndefined();
    expect(rootCollectionsOf(parseScope({ include: ['users/*/events', 'orders', 'users'] }))).toEqual(['orders', 'users']);
  });
});
