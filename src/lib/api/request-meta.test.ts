import { PEER_ADDRESS_HEADER } from './peer-address';
import { MAX_BODY_BYTES, clientIp, readBodyText } from './request-meta';

const req = (headers: Record<string, string>) => new Request('http://localhost/api/admin/backup', { headers });

describe('clientIp', () => {
  const stamped = { trustedProxyHops: 0, peerStamped: true };

  it('with 0 hops takes the stamped socket address and ignores X-Forwarded-For', () => {
    expect(clientIp(req({ [PEER_ADDRESS_HEADER]: '192.0.2.1', 'x-forwarded-for': '203.0.113.9' }), stamped)).toBe('192.0.2.1');
    expect(clientIp(req({ 'x-forwarded-for': '203.0.113.9' }), stamped)).toBeUndefined();
  });

  it('with 0 hops and no stamping server knows no address rather than trusting a client header', () => {
    expect(clientIp(req({ [PEER_ADDRESS_HEADER]: '192.0.2.1', 'x-forwarded-for': '203.0.113.9' }), { trustedProxyHops: 0, peerStamped: false })).toBeUndefined();
  });

  it('with N hops takes the N-th X-Forwarded-For entry from the right, the leftmost when the chain is shorter', () => {
    const xff = { 'x-forwarded-for': '6.6.6.6, 203.0.113.9 , 10.0.0.1', [PEER_ADDRESS_HEADER]: '10.0.0.2' };
    expect(clientIp(req(xff), { trustedProxyHops: 1, peerStamped: true })).toBe('10.0.0.1');
    expect(clientIp(req(xff), { trustedProxyHops: 2, peerStamped: false })).toBe('203.0.113.9');
    expect(clientIp(req(xff), { trustedProxyHops: 5, peerStamped: false })).toBe('6.6.6.6');
    expect(clientIp(req({}), { trustedProxyHops: 1, peerStamped: false })).toBeUndefined();
    expect(clientIp(req({ 'x-forwarded-for': '1.2.3.4, <script>' }), { trustedProxyHops: 1, peerStamped: false })).toBeUndefined();
  });
});

describe('readBodyText', () => {
  /** `total` bytes of "é" (2 bytes each) in 999-byte chunks, so characters straddle chunks; made only as pulled. */
  function lazy(total: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
    let pulled = 0;
    const pattern = new TextEncoder().encode('é'.repeat(1000));
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled >= total) return c.close();
        const n = Math.min(999, total - pulled);
        const at = pulled % 2;
        c.enqueue(pattern.slice(at, at + n));
        pulled += n;
      },
    });
    return { body, pulled: () => pulled };
  }
  const post = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
    new Request('http://localhost/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

  it('reads a body up to the limit as UTF-8, chunk boundaries included', async () => {
    const { body } = lazy(MAX_BODY_BYTES);
    const text = await readBodyText(post(body));
    expect(text).toBe('é'.repeat(MAX_BODY_BYTES / 2));
  });

  it('stops reading as soon as the limit is passed', async () => {
    const { body, pulled } = lazy(50 * 1024 * 1024);
    await expect(readBodyText(post(body))).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + 2_000);
  });

  it('refuses a declared Content-Length above the limit without reading', async () => {
    const { body, pulled } = lazy(50 * 1024 * 1024);
    await expect(readBodyText(post(body, { 'content-length': String(MAX_BODY_BYTES + 1) }))).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(pulled()).toBeLessThanOrEqual(2_000);
    expect(await readBodyText(new Request('http://localhost/x', { method: 'POST' }))).toBe('');
  });
});
