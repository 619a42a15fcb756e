import { cn } from './cn';

describe('cn', () => {
  it('joins truthy class names and drops falsy ones', () => {
    const active = false;
    expect(cn('a', active && 'b', undefined, null, { c: true, d: false }, ['e', ['f']])).toBe('a c e f');
  });

  it('returns an empty string when nothing is truthy', () => {
    expect(cn(false, undefined, { x: false })).toBe('');
  });
});
