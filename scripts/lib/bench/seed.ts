/**
 * Bench child (not measured): writes the demo dataset into the source project with the SDK's unthrottled BulkWriter.
 */
import { Firestore } from '@google-cloud/firestore';

import { seedDemoData } from '../../../src/lib/demo/seed-demo-data';

import { baseSpecSchema, runChild } from './child-protocol';

runChild('seed', baseSpecSchema, async (spec) => {
  const db = new Firestore({ projectId: spec.projectId });
  try {
    const docs = await seedDemoData(db, { documents: spec.docs, seed: spec.seed, projectId: spec.projectId }, (n) => {
      if (n % 20_000 === 0) console.error(`  seeded ${n} / ${spec.docs}`);
    });
    return { docs };
  } finally {
    await db.terminate();
  }
});
