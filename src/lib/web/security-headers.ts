/**
 * The portal's per-request security headers: a nonce-based Content-Security-Policy and, over https, HSTS. Pure
 * functions; src/proxy.ts applies them to every page, next.config.js sets the static ones (nosniff, Referrer-Policy)
 * for every response.
 *
 * Next.js reads the nonce from the request's CSP header and puts it on its own scripts and inline styles, which only
 * works on dynamically rendered pages (the root layout forces that). See
 * node_modules/next/dist/docs/01-app/02-guides/content-security-policy.md.
 */

/** Where the browser signs in (the origins of auth-client.ts's `serviceBase`): Identity Toolkit and Secure Token. */
const GOOGLE_AUTH_ORIGINS = ['https://identitytoolkit.googleapis.com', 'https://securetoken.googleapis.com'] as const;

/** Two years, the value hstspreload.org asks for; subdomains of the console's own host only. */
export const HSTS_VALUE = 'max-age=63072000; includeSubDomains';

export interface PolicyOptions {
  /** Base64, fresh for each request. */
  nonce: string;
  /** `next dev`: React Refresh and dev error overlays need eval and unnonced inline styles. */
  development: boolean;
  /** host:port of the Auth emulator: the browser calls it directly, so it joins connect-src (and Google's go). */
  authEmulatorHost?: string;
  /** The request came over https: add upgrade-insecure-requests and HSTS. */
  https: boolean;
}

const NONCE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

/** The origins the browser's sign-in and token refresh call, beside the portal's own (`'self'`). */
export function authConnectOrigins(authEmulatorHost: string | undefined): readonly string[] {
  return authEmulatorHost ? [`http://${authEmulatorHost}`] : GOOGLE_AUTH_ORIGINS;
}

/** The Content-Security-Policy of a portal page. */
export function contentSecurityPolicy(opts: PolicyOptions): string {
  if (!NONCE.test(opts.nonce)) throw new Error('contentSecurityPolicy: the nonce must be base64 of at least 12 bytes');
  const nonce = `'nonce-${opts.nonce}'`;
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'strict-dynamic': the chunks Next's nonced runtime loads are trusted; 'self' is the fallback for CSP2 browsers.
    ['script-src', "'self'", nonce, "'strict-dynamic'", ...(opts.development ? ["'unsafe-eval'"] : [])],
    // In development Next injects <style> tags without a nonce (and a nonce would make 'unsafe-inline' ignored).
    ['style-src', "'self'", ...(opts.development ? ["'unsafe-inline'"] : [nonce])],
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...authConnectOrigins(opts.authEmulatorHost)],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  if (opts.https) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The headers src/proxy.ts sets on a page response (the CSP also goes on the request, for Next to read the nonce). */
export function pageSecurityHeaders(opts: PolicyOptions): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Security-Policy': contentSecurityPolicy(opts) };
  if (opts.https) headers['Strict-Transport-Security'] = HSTS_VALUE;
  return headers;
}

/** A fresh nonce: 16 random bytes, base64. */
export function newNonce(randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return Buffer.from(randomBytes(16)).toString('base64');
}

export interface RequestProtocol {
  /** The request URL as Next.js reconstructed it. */
  url: string;
  /** The X-Forwarded-Proto header, if any. */
  forwardedProto: string | null;
}

/**
 * True when the client's connection was https. Next.js builds the URL's protocol from X-Forwarded-Proto itself, which
 * any client can send: so the header counts only behind a trusted proxy (its last hop, the one the proxy set), and an
 * https URL counts only when no such header could have produced it (a TLS socket).
 */
export function requestIsHttps(req: RequestProtocol, trustProxy: boolean): boolean {
  if (req.forwardedProto !== null) {
    if (!trustProxy) return false;
    return req.forwardedProto.split(',').at(-1)?.trim().toLowerCase() === 'https';
  }
  return new URL(req.url).protocol === 'https:';
}
