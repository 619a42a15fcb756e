import { decodeClaims, loadStoredSession, needsRefresh, refreshUrl, roleOfClaims, saveStoredSession, signInUrl } from './auth-client';

const jwt = (claims: Record<string, unknown>) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

describe('auth endpoints', () => {
  it('use the emulator paths when an emulator host is given, Google otherwise', () => {
    expect(signInUrl({ apiKey: 'k', emulatorHost: '127.0.0.1:9099' })).toBe('http://127.0.0.1:9099/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=k');
    expect(refreshUrl({ apiKey: 'k', emulatorHost: '127.0.0.1:9099' })).toBe('http://127.0.0.1:9099/securetoken.googleapis.com/v1/token?key=k');
    expect(signInUrl({ apiKey: 'a b' })).toBe('https://identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=a%20b');
  });
});

describe('claims', () => {
  it('follow the API rule: admin wins, else backupRole, else no role', () => {
    expect(roleOfClaims({ admin: true, backupRole: 'viewer' })).toBe('admin');
    expect(roleOfClaims({ backupRole: 'operator' })).toBe('operator');
    expect(roleOfClaims({ backupRole: 'root' })).toBeNull();
    expect(roleOfClaims({ admin: 'true' })).toBeNull();
  });

  it('decodes a token payload with non-ASCII text and refuses garbage', () => {
    expect(decodeClaims(jwt({ user_id: 'u1', email: 'zoë@x.test', backupRole: 'viewer' }))).toEqual({ uid: 'u1', email: 'zoë@x.test', role: 'viewer' });
    expect(decodeClaims('not-a-jwt')).toBeUndefined();
    expect(decodeClaims('a.%%%.c')).toBeUndefined();
  });
});

describe('stored session', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
  };

  it('round-trips, forgets on sign-out and treats malformed data as signed out', () => {
    const s = memory();
    saveStoredSession(s, { idToken: 'i', refreshToken: 'r', expiresAt: 5 });
    expect(loadStoredSession(s)).toEqual({ idToken: 'i', refreshToken: 'r', expiresAt: 5 });
    saveStoredSession(s, undefined);
    expect(loadStoredSession(s)).toBeUndefined();
    s.setItem('backup-portal.session', '{"idToken":1}');
    expect(loadStoredSession(s)).toBeUndefined();
    s.setItem('backup-portal.session', '{');
    expect(loadStoredSession(s)).toBeUndefined();
  });

  it('refreshes within two minutes of expiry', () => {
    expect(needsRefresh({ idToken: '', refreshToken: '', expiresAt: 1_000_000 }, 1_000_000 - 121_000)).toBe(false);
    expect(needsRefresh({ idToken: '', refreshToken: '', expiresAt: 1_000_000 }, 1_000_000 - 119_000)).toBe(true);
  });
});
