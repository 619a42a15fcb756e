/**
 * Messages to and from protobuf bytes with the GAPIC stub's own serializers (protobufjs over the protos the client
 * is generated from): the reference our wire decoder and encoder are tested against. Opens a client that never
 * connects.
 */
import { openConnection } from '../gapic-connection';
import type { ProtoRunQueryResponse, ProtoWrite } from '../proto-types';

interface MethodCodec {
  requestSerialize: (r: object) => Buffer;
  requestDeserialize: (b: Buffer) => object;
  responseSerialize: (r: object) => Buffer;
  responseDeserialize: (b: Buffer) => object;
}

export interface WireCodecs {
  /** RunQueryResponse (also the shape of BatchGetDocumentsResponse's field 1). */
  encode(res: ProtoRunQueryResponse): Buffer;
  decode(bytes: Buffer): ProtoRunQueryResponse;
  encodeBatchWrite(req: { database: string; writes: ProtoWrite[] }): Buffer;
  decodeBatchWrite(bytes: Buffer): { database: string; writes: ProtoWrite[] };
  close(): Promise<void>;
}

export async function openWireCodecs(): Promise<WireCodecs> {
  const conn = openConnection({ projectId: 'demo-codec', databaseId: '(default)', emulatorHost: '127.0.0.1:9' });
  await conn.client.initialize();
  const stub = (await conn.client.firestoreStub) as unknown as Record<string, MethodCodec | undefined>;
  const { runQuery, batchWrite } = stub;
  if (runQuery === undefined || batchWrite === undefined) throw new Error('the Firestore stub lacks runQuery or batchWrite');
  return {
    encode: (r) => runQuery.responseSerialize(r),
    decode: (b) => runQuery.responseDeserialize(b) as ProtoRunQueryResponse,
    encodeBatchWrite: (r) => batchWrite.requestSerialize(r),
    decodeBatchWrite: (b) => batchWrite.requestDeserialize(b) as { database: string; writes: ProtoWrite[] },
    close: () => conn.close(),
  };
}
