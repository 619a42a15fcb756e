/**
 * Bench child, the restore floor: the SDK's BulkWriter with throttling off writing the demo documents into an empty
 * project (the same generator, seed and size as the source; references point at the target). The documents are
 * generated lazily inside the measured time, as a restore decodes its chunks inside its own.
 */
import { Firestore } from '@google-cloud/firestore';
import { z } from 'zod';

import { generateDemoData } from '../../../src/lib/demo/generate-demo-data';
import { writeDocumentsWithSdk } from '../../../src/lib/demo/seed-demo-data';

import { baseSpecSchema, runChild } from './child-protocol';

const schema = baseSpecSchema.extend({ targetProjectId: z.string().regex(/^demo-[a-z0-9-]{1,50}$/) });

runChild('bulkwriter-floor', schema, async (spec) => {
  const db = new Firestore({ projectId: spec.targetProjectId });
  try {
    const docs = await writeDocumentsWithSdk(db, generateDemoData({ documents: spec.docs, seed: spec.seed, projectId: spec.targetProjectId }));
    return { docs, extra: { targetProjectId: spec.targetProjectId } };
  } finally {
    await db.terminate();
  }
});
