/**
 * Has the bench's emulator collect its garbage before each measured run (`jcmd <pid> GC.run`, from the JDK), so no run
 * pays for the garbage the one before it left. Measured after the emulator's native export of 100k documents: the
 * next bare read took 2.89-4.01 s without a collection in between and 3.08-3.16 s with one (the JVM is idle
 * afterwards, so waiting would not help: the garbage is collected only once the next operation allocates).
 */
import { execFile } from 'node:child_process';

/** Resolves true once collected, false where `jcmd` is missing or fails (the run then goes ahead regardless). */
export function collectEmulatorGarbage(pid: number, jcmd = 'jcmd'): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(jcmd, [String(pid), 'GC.run'], { timeout: 30_000 }, (err) => resolve(err === null));
  });
}
