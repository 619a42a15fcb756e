import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { PEER_ADDRESS_HEADER, peerStampingActive, stampPeerAddress } from './peer-address';

it('stamps the socket address over whatever the client sent, and leaves X-Forwarded-For alone', async () => {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    stampPeerAddress(req);
    seen.push(req.headers);
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const r = request({ host: '127.0.0.1', port, headers: { [PEER_ADDRESS_HEADER]: '203.0.113.9', 'x-forwarded-for': '198.51.100.1' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      r.on('error', reject);
      r.end();
    });
  } finally {
    server.close();
  }
  expect(seen[0]?.[PEER_ADDRESS_HEADER]).toBe('127.0.0.1');
  expect(seen[0]?.['x-forwarded-for']).toBe('198.51.100.1');
  expect(peerStampingActive()).toBe(true);
});
