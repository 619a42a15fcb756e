/**
 * RunQuery responses to and from protobuf bytes with the GAPIC stub's own serializers (the protos the client is
 * generated from). Opens a client that never connects.
 */
import { openConnection } from '../gapic-connection';
import type { ProtoRunQueryResponse } from '../proto-types';

export interface RunQueryCodec {
  encode(res: ProtoRunQueryResponse): Buffer;
  decode(bytes: Buffer): ProtoRunQueryResponse;
  close(): Promise<void>;
}

export async function openRunQueryCodec(): Promise<RunQueryCodec> {
  const conn = openConnection({ projectId: 'demo-codec', databaseId: '(default)', emulatorHost: '127.0.0.1:9' });
  await conn.client.initialize();
  const stub = (await conn.client.firestoreStub) as unknown as Record<string, { responseSerialize: (r: object) => Buffer; responseDeserialize: (b: Buffer) => object }>;
  const runQuery = stub.runQuery;
  if (runQuery === undefined) throw new Error('the Firestore stub has no runQuery');
  return {
    encode: (r) => runQuery.responseSerialize(r),
    decode: (b) => runQuery.responseDeserialize(b) as ProtoRunQueryResponse,
    close: () => conn.close(),
  };
}
