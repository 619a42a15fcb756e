/**
 * Bench child, the backup floor: the fastest public read of every document, one stream. That is the SDK's public v1
 * GAPIC client (`v1.FirestoreClient.runQuery`) running the same kindless all-descendants query from the database root
 * that our adapter runs (`from: [{allDescendants: true}]`, ordered by `__name__`, at one `readTime`), consuming the
 * raw protobuf documents and doing nothing with them. The SDK's document API has no public kindless query: a
 * `collectionGroup(id)` stream per id is N streams, and needs the ids up front.
 */
import { v1 } from '@google-cloud/firestore';
import { grpc } from 'google-gax';

import type { ProtoRunQueryResponse, ProtoStructuredQuery, ProtoTimestamp } from '../../../src/lib/backup/composition';

import { baseSpecSchema, runChild } from './child-protocol';

runChild('read-floor', baseSpecSchema, async (spec, host) => {
  const [hostname = '', port = ''] = host.split(':');
  const client = new v1.FirestoreClient({ servicePath: hostname, port: Number(port), sslCreds: grpc.credentials.createInsecure(), projectId: spec.projectId });
  const parent = `projects/${spec.projectId}/databases/(default)/documents`;
  // The emulator treats `Bearer owner` as an admin caller, exactly as the SDK does under FIRESTORE_EMULATOR_HOST.
  const options = { otherArgs: { headers: { Authorization: 'Bearer owner', 'google-cloud-resource-prefix': `projects/${spec.projectId}/databases/(default)` } }, timeout: 30 * 60_000 };
  const query: ProtoStructuredQuery = { from: [{ allDescendants: true }], orderBy: [{ field: { fieldPath: '__name__' }, direction: 'ASCENDING' }] };
  try {
    let readTime: ProtoTimestamp | null | undefined;
    // The consistent snapshot's time, taken the way our adapter takes it: a one-name query over one root collection
    // (cheap; a limit-1 kindless query costs the emulator a full evaluation).
    const probe = client.runQuery({ parent, structuredQuery: { from: [{ collectionId: 'backup-dr-clock-probe' }], limit: { value: 1 } } }, options);
    for await (const chunk of probe as AsyncIterable<ProtoRunQueryResponse>) readTime ??= chunk.readTime;
    let docs = 0;
    const stream = client.runQuery({ parent, structuredQuery: query, ...(readTime ? { readTime } : {}) }, options);
    for await (const chunk of stream as AsyncIterable<ProtoRunQueryResponse>) if (chunk.document) docs++;
    return { docs };
  } finally {
    await client.close();
  }
});
