/**
 * Firestore v1 protobuf message shapes, as the SDK's public `v1` GAPIC client types them. Deep import of a type-only
 * module: the package has no `exports` map, and these declarations are generated from the public v1 protos.
 */
import type { google } from '@google-cloud/firestore/types/protos/firestore_v1_proto_api';

export type ProtoValue = google.firestore.v1.IValue;
export type ProtoDocument = google.firestore.v1.IDocument;
export type ProtoWrite = google.firestore.v1.IWrite;
export type ProtoTimestamp = google.protobuf.ITimestamp;
export type ProtoStructuredQuery = google.firestore.v1.IStructuredQuery;
export type ProtoRunQueryResponse = google.firestore.v1.IRunQueryResponse;
export type ProtoBatchWriteResponse = google.firestore.v1.IBatchWriteResponse;
export type ProtoCursor = google.firestore.v1.ICursor;
