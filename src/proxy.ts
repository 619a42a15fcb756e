import { NextResponse, type NextRequest } from 'next/server';
import { ConfigError, loadWebSecurityConfig, type WebSecurityConfig } from '@/lib/backup/config';
import { newNonce, pageSecurityHeaders, requestIsHttps } from '@/lib/web/security-headers';

/**
 * A broken environment must not take every page down: the portal's layout explains a ConfigError to the operator,
 * so the headers fall back to the strictest reading (no emulator origin, no trusted proxy).
 */
function webConfig(): WebSecurityConfig {
  try {
    return loadWebSecurityConfig();
  } catch (err) {
    if (err instanceof ConfigError) return { development: false, trustProxy: false };
    throw err;
  }
}

/**
 * Next.js 16 Proxy (formerly middleware): a fresh CSP nonce on every page request, on the request (Next.js reads it
 * from there to nonce its own scripts) and on the response, plus HSTS over https.
 */
export function proxy(request: NextRequest): NextResponse {
  const web = webConfig();
  const https = requestIsHttps({ url: request.url, forwardedProto: request.headers.get('x-forwarded-proto') }, web.trustProxy);
  const headers = pageSecurityHeaders({ nonce: newNonce(), development: web.development, authEmulatorHost: web.authEmulatorHost, https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', headers['Content-Security-Policy'] ?? '');
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: API answers are JSON (next.config.js gives them a deny-all CSP) and static assets carry no script.
  matcher: ['/((?!api/|_next/static/|_next/image|favicon.ico).*)'],
};
