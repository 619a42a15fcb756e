import { serviceBase } from '@/components/backup/session/auth-client';
import { loadWebSecurityConfig } from '@/lib/backup/config';
import { authConnectOrigins, contentSecurityPolicy, HSTS_VALUE, newNonce, pageSecurityHeaders, requestIsHttps, type PolicyOptions } from './security-headers';

const NONCE = 'AAECAwQFBgcICQoLDA0ODw==';
const prod: PolicyOptions = { nonce: NONCE, development: false, https: false };

/** The CSP as directive → sources. */
function directives(csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of csp.split(';')) {
    const [name = '', ...sources] = part.trim().split(/\s+/);
    out[name] = sources;
  }
  return out;
}

describe('contentSecurityPolicy', () => {
  it('is nonce-based in production, with no unsafe-* source and no framing, plugins or foreign forms', () => {
    const csp = contentSecurityPolicy(prod);
    expect(directives(csp)).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"],
      'style-src': ["'self'", `'nonce-${NONCE}'`],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'", 'https://identitytoolkit.googleapis.com', 'https://securetoken.googleapis.com'],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    });
    expect(csp).not.toMatch(/unsafe/);
  });

  it("lets the browser reach the configured Auth emulator, and only it, in local mode", () => {
    const csp = directives(contentSecurityPolicy({ ...prod, authEmulatorHost: '127.0.0.1:9099' }));
    expect(csp['connect-src']).toEqual(["'self'", 'http://127.0.0.1:9099']);
  });

  it('allows exactly the origins the sign-in client calls', () => {
    for (const emulatorHost of [undefined, '127.0.0.1:9099']) {
      const called = (['identitytoolkit', 'securetoken'] as const).map((s) => new URL(serviceBase({ apiKey: 'k', emulatorHost }, s)).origin);
      expect([...new Set(called)].sort()).toEqual([...authConnectOrigins(emulatorHost)].sort());
    }
  });

  it("adds 'unsafe-eval' and inline styles only in development", () => {
    const dev = directives(contentSecurityPolicy({ ...prod, development: true }));
    expect(dev['script-src']).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'", "'unsafe-eval'"]);
    // A nonce beside 'unsafe-inline' would make browsers ignore 'unsafe-inline'.
    expect(dev['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('upgrades insecure requests only over https', () => {
    expect(directives(contentSecurityPolicy({ ...prod, https: true }))).toHaveProperty('upgrade-insecure-requests', []);
    expect(directives(contentSecurityPolicy(prod))).not.toHaveProperty('upgrade-insecure-requests');
  });

  it('refuses a nonce that could break out of the header', () => {
    expect(() => contentSecurityPolicy({ ...prod, nonce: "x'; script-src *" })).toThrow(/nonce/);
    expect(() => contentSecurityPolicy({ ...prod, nonce: 'c2hvcnQ=' })).toThrow(/nonce/);
  });
});

describe('pageSecurityHeaders', () => {
  it('sends HSTS over https only', () => {
    expect(pageSecurityHeaders({ ...prod, https: true })).toEqual({ 'Content-Security-Policy': expect.stringContaining("frame-ancestors 'none'"), 'Strict-Transport-Security': HSTS_VALUE });
    expect(pageSecurityHeaders(prod)).not.toHaveProperty('Strict-Transport-Security');
  });
});

describe('newNonce', () => {
  it('is 16 bytes of base64 from the injected source, fresh by default', () => {
    expect(newNonce((n) => Uint8Array.from({ length: n }, (_, i) => i))).toBe(NONCE);
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(() => contentSecurityPolicy({ ...prod, nonce: n })).not.toThrow();
  });
});

describe('requestIsHttps', () => {
  const http = 'http://127.0.0.1:3000/portal';
  it.each([
    ['a plain http request', false, false, { url: http, forwardedProto: null }],
    ['a TLS socket (no forwarded header)', false, true, { url: 'https://console.example/portal', forwardedProto: null }],
    ['X-Forwarded-Proto: https from a client', false, false, { url: 'https://console.example/portal', forwardedProto: 'https' }],
    ['X-Forwarded-Proto: https from the proxy', true, true, { url: http, forwardedProto: 'https' }],
    ['X-Forwarded-Proto: http from the proxy', true, false, { url: 'https://console.example/portal', forwardedProto: 'http' }],
    ['a forged hop before the proxy\'s http', true, false, { url: http, forwardedProto: 'https, http' }],
  ] as const)('%s (proxy trusted: %s) → %s', (_name, trustProxy, expected, req) => expect(requestIsHttps(req, trustProxy)).toBe(expected));
});

describe('loadWebSecurityConfig', () => {
  it('reads development mode, the Auth emulator and the proxy trust from the environment', () => {
    expect(loadWebSecurityConfig({ NODE_ENV: 'production' })).toEqual({ development: false, authEmulatorHost: undefined, trustProxy: false });
    expect(loadWebSecurityConfig({ NODE_ENV: 'development', FIREBASE_AUTH_EMULATOR_HOST: '127.0.0.1:9099', BACKUP_TRUSTED_PROXY_HOPS: '1' })).toEqual({
      development: true,
      authEmulatorHost: '127.0.0.1:9099',
      trustProxy: true,
    });
  });

  it('names a bad value', () => {
    expect(() => loadWebSecurityConfig({ FIREBASE_AUTH_EMULATOR_HOST: 'evil.example:443' })).toThrow(/FIREBASE_AUTH_EMULATOR_HOST/);
    expect(() => loadWebSecurityConfig({ BACKUP_TRUSTED_PROXY_HOPS: 'yes' })).toThrow(/BACKUP_TRUSTED_PROXY_HOPS/);
  });
});
