import { failureKind, fieldIssues, withQuery } from './api-client';

describe('failureKind', () => {
  it.each([
    [401, 'unauthenticated', 'unauthenticated'],
    [403, 'permission_denied', 'forbidden'],
    [501, 'not_implemented', 'not-available'],
    [404, 'not_found', 'not-found'],
    // A route missing from the deployment is a failure to show, not a feature to hide.
    [404, 'http_404', 'not-found'],
    [422, 'invalid_argument', 'invalid'],
    [409, 'failed_precondition', 'conflict'],
    [429, 'rate_limited', 'rate-limited'],
    [500, 'internal', 'server'],
  ] as const)('%i %s → %s', (status, code, kind) => expect(failureKind(status, code)).toBe(kind));
});

it('fieldIssues keys the first message per field by its last path segment', () => {
  const issues = fieldIssues({ kind: 'invalid', status: 422, code: 'invalid_argument', message: '', details: { issues: [{ path: 'body.confirm', message: 'does not match' }, { path: 'body.confirm', message: 'second' }, { path: 3, message: 'x' }] } });
  expect(issues).toEqual({ confirm: 'does not match' });
});

it('withQuery drops empty values and encodes the rest', () => {
  expect(withQuery('/a', { limit: 5, state: '', cursor: undefined, actor: 'a b@x' })).toBe('/a?limit=5&actor=a+b%40x');
  expect(withQuery('/a', {})).toBe('/a');
});
