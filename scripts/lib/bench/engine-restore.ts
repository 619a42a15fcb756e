/**
 * Bench child: one restore through the engine, `createRestore` of a verified backup into an empty project, run to a
 * succeeded job (index the target, write, verify the target against the backup).
 */
import { z } from 'zod';

import { openBenchEngine, phaseDurations } from './bench-engine';
import { baseSpecSchema, runChild } from './child-protocol';

const schema = baseSpecSchema.extend({ backupId: z.string().min(1), targetProjectId: z.string().regex(/^demo-[a-z0-9-]{1,50}$/) });

runChild('engine-restore', schema, async (spec, host) => {
  const bench = openBenchEngine(spec, host);
  try {
    const job = await bench.engine.createRestore({ backupId: spec.backupId, target: `project:${spec.targetProjectId}`, mode: 'overwrite' });
    const done = await bench.run(job.id);
    const written = typeof done.result?.written === 'number' ? done.result.written : 0;
    return { docs: written, phases: phaseDurations(bench.phaseMarks()), extra: { targetProjectId: spec.targetProjectId } };
  } finally {
    await bench.close();
  }
});
