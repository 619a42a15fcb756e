/**
 * One connection to the Firestore v1 data API through the SDK's public GAPIC client (`v1.FirestoreClient`), which
 * speaks raw protobuf messages: the only public path that reads and writes `Value`s without the SDK's lossy
 * conversion to JS types (see value-proto.ts).
 *
 * Emulator: configured exactly as the SDK configures its own GAPIC clients when `FIRESTORE_EMULATOR_HOST` is set
 * (build/src/index.js, `clientFactory` and `initializeIfNeeded`): an insecure channel to the host, and an
 * `Authorization: Bearer owner` header so the emulator treats calls as admin (security rules bypassed).
 * Otherwise: Application Default Credentials, as every Google client library.
 */
import { v1 } from '@google-cloud/firestore';
import { grpc, type CallOptions, type ClientOptions } from 'google-gax';

import { EngineError } from '../../errors';

import { databaseName, type DatabaseId } from './resource-names';

/** The v1 GAPIC client type. */
export type GapicFirestoreClient = InstanceType<typeof v1.FirestoreClient>;

export interface ConnectionOptions extends DatabaseId {
  /** `host:port` of the Cloud Firestore emulator (from config, never read from the environment here). */
  emulatorHost?: string;
}

/** A GAPIC client bound to one database, with the call options every request needs. */
export interface FirestoreConnection {
  readonly db: DatabaseId;
  readonly emulator: boolean;
  readonly client: GapicFirestoreClient;
  /** Call options with the routing/auth headers; `timeoutMs` overrides the method's default deadline. */
  callOptions(opts?: { timeoutMs?: number; noRetry?: boolean }): CallOptions;
  /**
   * A server-streaming call whose responses arrive as their protobuf bytes, undecoded (see wire-lines.ts), on the
   * GAPIC client's own channel and credentials. No retries: the caller resumes.
   */
  rawServerStream(method: 'runQuery' | 'batchGetDocuments', request: object, opts: { routing: Record<string, string>; timeoutMs: number }): Promise<grpc.ClientReadableStream<Buffer>>;
  /** A unary call whose request is already protobuf bytes (see wire-writes.ts); the response is decoded as usual. */
  rawUnary<Res>(method: 'batchWrite', request: Buffer, opts: { routing: Record<string, string>; timeoutMs: number }): Promise<Res>;
  close(): Promise<void>;
}

const HOST_PORT = /^(.+):(\d{1,5})$/;

/**
 * HTTP/2 flow-control window of our channels (grpc-js default: 64 KiB, ~150 documents). A backup's read is one
 * long stream whose consumer works in bursts (a chunk handed to the store, gzip's output): with the default window
 * the server stops sending during each burst. A larger window lets it keep going; memory stays bounded by it.
 */
const STREAM_OPTIONS = { 'grpc-node.flow_control_window': 8 * 1024 * 1024 };

/** Opens a GAPIC client for `db` (lazy: no network until the first call). */
export function openConnection(opts: ConnectionOptions): FirestoreConnection {
  const db = { projectId: opts.projectId, databaseId: opts.databaseId };
  const emulator = opts.emulatorHost !== undefined && opts.emulatorHost !== '';
  const client = new v1.FirestoreClient({ ...(emulator ? emulatorClientOptions(opts.emulatorHost ?? '', db.projectId) : { projectId: db.projectId }), ...STREAM_OPTIONS });
  const headers: Record<string, string> = {
    // The SDK sends this on every call; the backend routes by it for named databases.
    'google-cloud-resource-prefix': databaseName(db),
    ...(emulator ? { Authorization: 'Bearer owner' } : {}),
  };
  return {
    db,
    emulator,
    client,
    callOptions: ({ timeoutMs, noRetry } = {}) => ({
      otherArgs: { headers },
      ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
      // Our own loops retry with per-write statuses and cursors; a second hidden retry layer would double the waits.
      ...(noRetry === true ? { retry: null } : {}),
    }),
    rawServerStream: async (method, request, { routing, timeoutMs }) => {
      const { stub, call } = await stubMethod(client, method);
      return stub.makeServerStreamRequest(call.path, call.requestSerialize, (bytes: Buffer) => bytes, request, metadataOf(headers, routing), { deadline: Date.now() + timeoutMs });
    },
    rawUnary: async <Res>(method: 'batchWrite', request: Buffer, { routing, timeoutMs }: { routing: Record<string, string>; timeoutMs: number }) => {
      const { stub, call } = await stubMethod(client, method);
      return new Promise<Res>((resolve, reject) => {
        stub.makeUnaryRequest(call.path, (bytes: Buffer) => bytes, call.responseDeserialize as (b: Buffer) => Res, request, metadataOf(headers, routing), { deadline: Date.now() + timeoutMs }, (err, res) => {
          if (err !== null || res === undefined) reject(err ?? new EngineError('internal', `${method} returned no response`));
          else resolve(res);
        });
      });
    },
    close: () => client.close(),
  };
}

interface StubMethod {
  path: string;
  requestSerialize: (req: object) => Buffer;
  responseDeserialize: (bytes: Buffer) => unknown;
}

/** The grpc-js client the GAPIC methods call, and one of its methods (which carries its path and serializers). */
async function stubMethod(client: GapicFirestoreClient, method: string): Promise<{ stub: grpc.Client; call: StubMethod }> {
  await client.initialize();
  const stub = (await client.firestoreStub) as unknown as grpc.Client & Record<string, StubMethod | undefined>;
  const call = stub[method];
  if (call === undefined) throw new EngineError('internal', `the Firestore client has no method ${method}`);
  return { stub, call };
}

/** Our headers plus the routing header, as the GAPIC methods send it (gax routingHeader.fromParams). */
function metadataOf(headers: Record<string, string>, routing: Record<string, string>): grpc.Metadata {
  const metadata = new grpc.Metadata();
  for (const [k, v] of Object.entries(headers)) metadata.set(k, v);
  metadata.set('x-goog-request-params', Object.entries(routing).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));
  return metadata;
}

function emulatorClientOptions(hostPort: string, projectId: string): ClientOptions {
  const m = HOST_PORT.exec(hostPort);
  if (m === null) throw new EngineError('invalid_argument', `emulator host must be host:port, got ${JSON.stringify(hostPort)}`);
  const host = (m[1] ?? '').replace(/^\[(.*)\]$/, '$1');
  // universeDomain given: otherwise gax asks google-auth-library for it, which probes the GCE metadata server
  // (169.254.169.254) — off-machine traffic the emulator never needs.
  return { servicePath: host, port: Number(m[2]), sslCreds: grpc.credentials.createInsecure(), projectId, universeDomain: 'googleapis.com' };
}
