/**
 * `npm run serve`: the built console (`npm run build` first) on PORT, behind a Node HTTP server that stamps each
 * request's socket address before Next.js sees it (src/lib/api/peer-address.ts). Plain `next start` cannot tell the
 * API the socket address: it keeps a client's own `X-Forwarded-For` and fills it from the socket only when missing, so
 * with BACKUP_TRUSTED_PROXY_HOPS=0 (no proxy in front) serve the console with this script. Behind a proxy (Cloud
 * Run: BACKUP_TRUSTED_PROXY_HOPS=1) either works.
 */
import { createServer } from 'node:http';

import next from 'next';

import { markPeerStamping, stampPeerAddress } from '../src/lib/api/peer-address';
import { closeApiRuntime } from '../src/lib/api/runtime';
import { loadLocalStackConfig } from '../src/lib/backup';

import { runScript } from './lib/run-script';

runScript(async () => {
  const { PORT } = loadLocalStackConfig();
  const app = next({ dev: false, port: PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  markPeerStamping();
  const server = createServer((req, res) => {
    stampPeerAddress(req);
    handle(req, res).catch((err: unknown) => {
      console.error('serve: request failed', err);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(PORT, resolve));
  console.error(`console listening on port ${PORT} (Ctrl-C stops)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  server.close();
  // The API's runtime lives on globalThis, shared with Next's copy of runtime.ts in this process.
  await closeApiRuntime();
  await app.close();
  return 0;
});
