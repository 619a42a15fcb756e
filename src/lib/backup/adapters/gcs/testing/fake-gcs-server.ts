/**
 * A small in-process fake of the Cloud Storage JSON API, just wide enough for the GCS BackupStore: multipart and
 * resumable uploads with `ifGenerationMatch`, metadata, media download with `x-goog-hash`, paginated listing, delete,
 * and temporary holds. There is no official GCS emulator; this lets the real SDK (pointed here with `apiEndpoint`)
 * run the store contract offline. Semantics follow https://cloud.google.com/storage/docs/json_api where it matters to
 * the store (412 on a failed precondition, 403 on deleting a held object, 308 for an incomplete resumable upload).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CRC32C } from '@google-cloud/storage';

interface FakeObject {
  data: Buffer;
  generation: number;
  updated: Date;
  contentType: string;
  storageClass: string;
  metadata: Record<string, string>;
  temporaryHold: boolean;
}

interface Session {
  bucket: string;
  name: string;
  ifGenerationMatch?: number;
  resource: Record<string, unknown>;
  parts: Buffer[];
}

/** A running fake; `objects` is keyed `bucket/name` and may be inspected by tests as a second read path. */
export interface FakeGcsServer {
  apiEndpoint: string;
  objects: Map<string, FakeObject>;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Starts a fake on a free loopback port. */
export async function startFakeGcsServer(opts: { pageSize?: number } = {}): Promise<FakeGcsServer> {
  const objects = new Map<string, FakeObject>();
  const sessions = new Map<string, Session>();
  let generation = 1;
  const ctx = { objects, sessions, nextGeneration: () => generation++, pageSize: opts.pageSize ?? 1000 };
  const server = createServer((req, res) => {
    handle(req, res, ctx).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      sendJson(res, status, { error: { code: status, message: String(err instanceof Error ? err.message : err), errors: [] } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { apiEndpoint: `http://127.0.0.1:${port}`, objects, close: () => closeServer(server) };
}

type Ctx = { objects: Map<string, FakeObject>; sessions: Map<string, Session>; nextGeneration: () => number; pageSize: number };

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Ctx): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const q = url.searchParams;
  const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
  const object = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
  const list = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
  if (upload?.[1] !== undefined && req.method === 'PUT' && q.has('upload_id')) return resumableChunk(req, res, ctx, q.get('upload_id') ?? '');
  if (upload?.[1] !== undefined && req.method === 'POST') {
    const bucket = upload[1];
    const name = q.get('name') ?? '';
    const match = q.has('ifGenerationMatch') ? Number(q.get('ifGenerationMatch')) : undefined;
    const body = await readBody(req);
    if (q.get('uploadType') === 'resumable') {
      const id = String(ctx.sessions.size + 1);
      ctx.sessions.set(id, { bucket, name, ifGenerationMatch: match, resource: JSON.parse(body.toString() || '{}') as Record<string, unknown>, parts: [] });
      res.writeHead(200, { location: `http://${req.headers.host}/upload/storage/v1/b/${bucket}/o?uploadType=resumable&upload_id=${id}` }).end();
      return;
    }
    const [meta, media] = parseMultipart(body, req.headers['content-type'] ?? '');
    return sendJson(res, 200, commit(ctx, { bucket, name, ifGenerationMatch: match, resource: JSON.parse(meta.toString()) as Record<string, unknown>, parts: [media] }));
  }
  if (object?.[1] !== undefined && object[2] !== undefined) return objectRequest(req, res, ctx, `${object[1]}/${decodeURIComponent(object[2])}`);
  if (list?.[1] !== undefined && req.method === 'GET') return listObjects(res, ctx, list[1], q);
  throw new HttpError(400, `fake GCS: unsupported ${req.method ?? ''} ${url.pathname}`);
}

async function resumableChunk(req: IncomingMessage, res: ServerResponse, ctx: Ctx, id: string): Promise<void> {
  const session = ctx.sessions.get(id);
  if (session === undefined) throw new HttpError(404, 'no such upload session');
  const body = await readBody(req);
  const range = String(req.headers['content-range'] ?? '');
  session.parts.push(body);
  const received = session.parts.reduce((n, p) => n + p.length, 0);
  const total = /\/(\d+)$/.exec(range)?.[1];
  // `bytes */*` asks for status; `bytes n-*/*` streams the rest in this request; `…/<total>` finalises at `total`.
  const final = range !== 'bytes */*' && (total === undefined ? /-\*\/\*$/.test(range) : received === Number(total));
  if (!final) {
    res.writeHead(308, received > 0 ? { range: `bytes=0-${received - 1}` } : {}).end();
    return;
  }
  ctx.sessions.delete(id);
  sendJson(res, 200, commit(ctx, session));
}

function commit(ctx: Ctx, s: Session): Record<string, unknown> {
  const key = `${s.bucket}/${s.name}`;
  const existing = ctx.objects.get(key);
  if (s.ifGenerationMatch !== undefined && (existing?.generation ?? 0) !== s.ifGenerationMatch) {
    throw new HttpError(412, 'At least one of the pre-conditions you specified did not hold.');
  }
  const obj: FakeObject = {
    data: Buffer.concat(s.parts),
    generation: ctx.nextGeneration(),
    updated: new Date(),
    contentType: typeof s.resource.contentType === 'string' ? s.resource.contentType : 'application/octet-stream',
    storageClass: typeof s.resource.storageClass === 'string' ? s.resource.storageClass : 'STANDARD',
    metadata: (s.resource.metadata as Record<string, string> | undefined) ?? {},
    temporaryHold: false,
  };
  ctx.objects.set(key, obj);
  return resourceOf(s.bucket, s.name, obj);
}

async function objectRequest(req: IncomingMessage, res: ServerResponse, ctx: Ctx, key: string): Promise<void> {
  const obj = ctx.objects.get(key);
  const slash = key.indexOf('/');
  const [bucket, name] = [key.slice(0, slash), key.slice(slash + 1)];
  const body = await readBody(req);
  if (obj === undefined) throw new HttpError(404, `No such object: ${key}`);
  switch (req.method) {
    case 'GET':
      if (new URL(req.url ?? '/', 'http://fake').searchParams.get('alt') === 'media') {
        const hash = `crc32c=${crc32cOf(obj.data)},md5=${createHash('md5').update(obj.data).digest('base64')}`;
        res.writeHead(200, { 'content-type': obj.contentType, 'x-goog-hash': hash, 'x-goog-stored-content-encoding': 'identity', connection: 'close' }).end(obj.data);
        return;
      }
      return sendJson(res, 200, resourceOf(bucket, name, obj));
    case 'DELETE':
      if (obj.temporaryHold) throw new HttpError(403, `Object '${key}' is under active Temporary hold and cannot be deleted, overwritten or archived until hold is removed.`);
      ctx.objects.delete(key);
      res.writeHead(204).end();
      return;
    case 'PATCH': {
      const patch = JSON.parse(body.toString() || '{}') as { temporaryHold?: boolean };
      if (typeof patch.temporaryHold === 'boolean') obj.temporaryHold = patch.temporaryHold;
      return sendJson(res, 200, resourceOf(bucket, name, obj));
    }
    default:
      throw new HttpError(400, `fake GCS: unsupported ${req.method ?? ''} on an object`);
  }
}

function listObjects(res: ServerResponse, ctx: Ctx, bucket: string, q: URLSearchParams): void {
  const prefix = `${bucket}/${q.get('prefix') ?? ''}`;
  // Cloud Storage lists in UTF-8 byte order.
  const keys = [...ctx.objects.keys()].filter((k) => k.startsWith(prefix)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const start = Number(q.get('pageToken') ?? 0);
  const size = Math.min(Number(q.get('maxResults') ?? ctx.pageSize), ctx.pageSize);
  const page = keys.slice(start, start + size);
  const items = page.map((k) => resourceOf(bucket, k.slice(bucket.length + 1), ctx.objects.get(k) as FakeObject));
  sendJson(res, 200, { kind: 'storage#objects', items, ...(start + size < keys.length ? { nextPageToken: String(start + size) } : {}) });
}

function resourceOf(bucket: string, name: string, o: FakeObject): Record<string, unknown> {
  return {
    kind: 'storage#object',
    bucket,
    name,
    generation: String(o.generation),
    size: String(o.data.length),
    updated: o.updated.toISOString(),
    contentType: o.contentType,
    storageClass: o.storageClass,
    metadata: o.metadata,
    temporaryHold: o.temporaryHold,
    crc32c: crc32cOf(o.data),
    md5Hash: createHash('md5').update(o.data).digest('base64'),
  };
}

function crc32cOf(data: Buffer): string {
  const crc = new CRC32C();
  crc.update(data);
  return crc.toString();
}

function parseMultipart(body: Buffer, contentType: string): [Buffer, Buffer] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (boundary === undefined) throw new HttpError(400, 'multipart upload without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const next = body.indexOf(delimiter, at + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(at + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    // A part is `\r\n<headers>\r\n\r\n<body>\r\n`.
    parts.push(part.subarray(headerEnd + 4, part.length - 2));
    at = next;
  }
  const [meta, media] = parts;
  if (meta === undefined || media === undefined) throw new HttpError(400, 'multipart upload needs metadata and media parts');
  return [meta, media];
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}
