/**
 * The socket address of a request, for BACKUP_TRUSTED_PROXY_HOPS=0. Next.js route handlers see headers only, and
 * Next fills `x-forwarded-for` from the socket only when the client sent none (next 16.4.6,
 * node_modules/next/dist/server/base-server.js: `??=`), so a client could name any address. Our server
 * (scripts/serve.ts, `npm run serve`) therefore stamps PEER_ADDRESS_HEADER on every request before Next sees it,
 * replacing whatever the client sent, and marks the process so the API knows the header is its own.
 */
import type { IncomingMessage } from 'node:http';

export const PEER_ADDRESS_HEADER = 'x-backup-peer-address';

// On globalThis: the server script and Next's bundled route modules are separate module instances in one process.
const holder = globalThis as typeof globalThis & { __backupPeerStamped__?: boolean };

/** Overwrites the peer header with the socket's remote address (removes it when the socket has none). */
export function stampPeerAddress(req: IncomingMessage): void {
  holder.__backupPeerStamped__ = true;
  const peer = req.socket.remoteAddress;
  if (peer === undefined) delete req.headers[PEER_ADDRESS_HEADER];
  else req.headers[PEER_ADDRESS_HEADER] = peer;
}

/** Marks this process as served by a stamping server (call before the first request is accepted). */
export function markPeerStamping(): void {
  holder.__backupPeerStamped__ = true;
}

/** True when this process's HTTP server stamps the peer header, so its value is the socket's. */
export function peerStampingActive(): boolean {
  return holder.__backupPeerStamped__ === true;
}
