/**
 * Headers on every response. The per-request ones (the portal pages' nonce CSP, HSTS over https) come from
 * src/proxy.ts; API answers are JSON and never need to load or run anything, so their CSP denies all.
 */
const STATIC_SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Operation URLs (backup ids, restore targets) stay on this site: no Referer to other origins.
  { key: 'Referrer-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The SDKs use gRPC and native-ish modules; keep them out of the server bundle. google-gax and grpc-js too: the
  // Firestore adapter imports them directly, and a bundled second copy of grpc rejects the SDK's channel credentials.
  serverExternalPackages: ['firebase-admin', '@google-cloud/firestore', '@google-cloud/storage', 'google-gax', '@grpc/grpc-js'],
  // Lint and typecheck run as their own CI steps (npm run lint / typecheck); do not repeat them in every build.
  typescript: { ignoreBuildErrors: true },
  // No X-Powered-By: Next.js: it tells a scanner which framework advisories to try.
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/:path*', headers: STATIC_SECURITY_HEADERS },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

module.exports = nextConfig;
