/**
 * The contract between `npm run bench` and the child processes that do the measured work. Each measured operation
 * runs alone in a fresh `node --import tsx` process so its peak RSS (`process.resourceUsage().maxRSS`) belongs to that
 * operation only, not to seeding or to the other operations.
 *
 * The parent passes one JSON argument (the spec, parsed with zod here); the child prints exactly one line starting
 * with RESULT_MARKER on stdout, followed by a ChildResult as JSON. Progress and errors go to stderr.
 */
import { z } from 'zod';

import { loadLocalStackConfig } from '../../../src/lib/backup';

export const RESULT_MARKER = '@@bench-result ';

const projectId = z.string().regex(/^demo-[a-z0-9-]{1,50}$/, { error: 'a demo- project id' });

/** What every child is told. */
export const baseSpecSchema = z.object({
  /** Where the seeded source data lives. */
  projectId,
  /** Where the engine keeps its job documents (a separate project, so the source holds exactly the seeded docs). */
  controlProjectId: projectId,
  /** The file:// bucket's folder. */
  bucketDir: z.string().min(1),
  docs: z.number().int().min(18),
  seed: z.number().int().min(0),
});

export type BaseSpec = z.output<typeof baseSpecSchema>;

/** What a child reports. Times are wall-clock seconds of the measured work only (after imports). */
export const childResultSchema = z.object({
  op: z.string(),
  docs: z.number().int(),
  seconds: z.number(),
  /** Bytes the operation wrote to storage (backups, exports); 0 when it writes only to Firestore. */
  bytes: z.number().int(),
  /** Peak RSS of the whole child, in MiB. */
  peakRssMb: z.number(),
  /** Peak RSS right after imports, before the work: the floor under `peakRssMb`. */
  baselineRssMb: z.number(),
  /** Seconds spent in named phases (e.g. read+write vs verify), when the operation reports them. */
  phases: z.record(z.string(), z.number()),
  /** Operation-specific values, e.g. the backup id a later restore needs. */
  extra: z.record(z.string(), z.union([z.string(), z.number()])),
});

export type ChildResult = z.output<typeof childResultSchema>;

/** What an operation returns; the runner adds timing and RSS. */
export interface OpOutcome {
  docs: number;
  /** Seconds of the measured part, when the operation times it itself (to leave out setup or cleanup). */
  seconds?: number;
  bytes?: number;
  phases?: Record<string, number>;
  extra?: Record<string, string | number>;
}

const maxRssMb = () => process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB

/** Starts a stopwatch; calling the result gives the seconds since. */
export function stopwatch(): () => number {
  const start = performance.now();
  return () => (performance.now() - start) / 1000;
}

/**
 * The emulator this child must talk to, from FIRESTORE_EMULATOR_HOST (set by the parent). Refuses to run without it:
 * a benchmark child must never reach a real project.
 */
export function emulatorHostOrThrow(): string {
  const host = loadLocalStackConfig().FIRESTORE_EMULATOR_HOST;
  if (host === undefined) throw new Error('FIRESTORE_EMULATOR_HOST is not set: bench children only run against the emulator the parent started');
  return host;
}

/**
 * Entry of a child: parses the spec from argv[2], runs `op` once with a stopwatch around it, prints the result line
 * and exits (gRPC channels may otherwise keep the process alive).
 */
export function runChild<S extends z.ZodObject>(name: string, schema: S, op: (spec: z.output<S>, host: string) => Promise<OpOutcome>): void {
  const main = async (): Promise<ChildResult> => {
    const spec = schema.parse(JSON.parse(process.argv[2] ?? '{}'));
    const host = emulatorHostOrThrow();
    const baselineRssMb = maxRssMb();
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    const out = await op(spec, host);
    const seconds = out.seconds ?? (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    return { op: name, docs: out.docs, seconds, bytes: out.bytes ?? 0, peakRssMb: maxRssMb(), baselineRssMb, phases: out.phases ?? {}, extra: { ...out.extra, cpuSeconds } };
  };
  main()
    .then((result) => {
      process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`, () => process.exit(0));
    })
    .catch((err: unknown) => {
      console.error(`bench child ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exit(1);
    });
}
