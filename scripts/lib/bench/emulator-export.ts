/**
 * Bench child, the server-side reference of a backup: the emulator's own export of the source database (Google's
 * managed-export format, written by the emulator's JVM into a local folder). Bytes are the export's size on disk.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { z } from 'zod';

import { exportEmulatorDatabase } from '../../../src/lib/local/firestore-emulator';

import { baseSpecSchema, runChild, stopwatch } from './child-protocol';

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  }
  return total;
}

runChild('emulator-export', baseSpecSchema.extend({ workDir: z.string().min(1) }), async (spec, host) => {
  const dir = await mkdtemp(join(spec.workDir, 'export-'));
  try {
    const elapsed = stopwatch();
    await exportEmulatorDatabase({ host, projectId: spec.projectId, dir });
    const seconds = elapsed();
    // The export holds no count; the parent checks the floor read's count instead.
    return { docs: spec.docs, seconds, bytes: await folderBytes(dir) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
