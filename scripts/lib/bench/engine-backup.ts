/**
 * Bench child: one backup through the engine, `createBackup` to a succeeded job (read, write chunks, verify by
 * re-reading, manifest last), in this process. Logical with or without client-side encryption (a random key per run),
 * or managed (the emulator's export plus the engine's hashing, counting and verification).
 */
import { randomBytes } from 'node:crypto';

import { z } from 'zod';

import { openBenchEngine, phaseDurations } from './bench-engine';
import { baseSpecSchema, runChild } from './child-protocol';

const schema = baseSpecSchema.extend({ method: z.enum(['logical', 'managed']), encrypt: z.boolean() });

runChild('engine-backup', schema, async (spec, host) => {
  const bench = openBenchEngine(spec, host, spec.encrypt ? { encryptionKey: randomBytes(32) } : {});
  try {
    const job = await bench.engine.createBackup({ method: spec.method, encrypt: spec.encrypt, trigger: 'bench' });
    const done = await bench.run(job.id);
    const result = done.result ?? {};
    const docs = typeof result.documents === 'number' ? result.documents : 0;
    const bytes = typeof result.bytes === 'number' ? result.bytes : 0;
    const backupId = typeof result.backupId === 'string' ? result.backupId : '';
    return { docs, bytes, phases: phaseDurations(bench.phaseMarks()), extra: { backupId, files: typeof result.files === 'number' ? result.files : 0 } };
  } finally {
    await bench.close();
  }
});
