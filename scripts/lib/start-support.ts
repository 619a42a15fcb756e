/**
 * What `npm start` needs around its child processes: a log that keeps its last lines in memory (so a failure can be
 * explained without racing the file write), the explanation itself (the log's tail and the fix), and the decision
 * whether `LOCAL_NEXT_MODE=prod` must run `next build` first.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type StackChild = 'firestore' | 'auth' | 'next' | 'next build';

// Terminal control sequences (colours, cursor) that next and firebase-tools print: noise in a quoted log tail.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Appends to a log file and remembers the last `keep` lines (without terminal control sequences). */
export class ChildLog {
  private readonly lines: string[] = [];
  private readonly out;

  constructor(
    readonly file: string,
    private readonly keep = 200,
  ) {
    this.out = createWriteStream(file, { flags: 'a' });
  }

  readonly write = (text: string): void => {
    this.out.write(`${text}\n`);
    for (const line of text.replace(ANSI, '').split('\n')) if (line.trim() !== '') this.lines.push(line);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
  };

  tail(n = 20): string[] {
    return this.lines.slice(-n);
  }
}

/** Which variable moves each child to another port. */
const PORT_VARIABLE: Record<StackChild, string> = { firestore: 'FIRESTORE_EMULATOR_PORT', auth: 'AUTH_EMULATOR_PORT', next: 'PORT', 'next build': 'PORT' };

interface Hint {
  test: RegExp;
  fix: (child: StackChild, port: number | undefined) => string;
}

/** Known causes, first match wins; each names the fix, not just the symptom. */
const HINTS: Hint[] = [
  {
    test: /EADDRINUSE|address already in use|BindException|Port \d+ is not open|port \d+ is (already )?in use/i,
    fix: (child, port) => `port ${port ?? '?'} is taken by another process: stop it (\`lsof -i :${port ?? '<port>'}\`), or set ${PORT_VARIABLE[child]}=<another port>`,
  },
  {
    test: /Could not find a production build|ENOENT[^\n]*\.next/i,
    fix: () => 'there is no production build: run `npx next build` (npm start builds when .next/BUILD_ID is missing or older than the sources), or use LOCAL_NEXT_MODE=dev',
  },
  {
    test: /UnsupportedClassVersionError|has been compiled by a more recent version of the Java Runtime/,
    fix: () => 'Java is too old for the emulator: install Java 17+ (apt-get install openjdk-17-jre-headless)',
  },
  {
    test: /java: (command )?not found|Unable to locate a Java Runtime|JAVA_HOME is not set|spawn java ENOENT/i,
    fix: () => 'Java is missing: install Java 17+ (apt-get install openjdk-17-jre-headless), or point FIRESTORE_EMULATOR_HOST at a running emulator',
  },
  { test: /ENOSPC|No space left on device/i, fix: () => 'the disk is full: free some space (or delete .data/ to start over)' },
  {
    test: /OutOfMemoryError|JavaScript heap out of memory/i,
    fix: () => 'the process ran out of memory: close other programs, or lower DEMO_DOCS',
  },
  {
    test: /signal SIGKILL/,
    fix: () => 'it was killed (SIGKILL): by someone, or by the kernel\'s out-of-memory killer (`dmesg | tail` says); run npm start again',
  },
  {
    test: /Failed to compile|Type error:|Module not found/i,
    fix: () => 'the app does not compile: fix the error above (npm run typecheck shows it too)',
  },
];

export interface ChildFailure {
  child: StackChild;
  /** What went wrong, e.g. "the process exited (code 1, signal none)". */
  reason: string;
  logFile: string;
  tail: readonly string[];
  port?: number;
}

/** The fix for a failure, from its reason and log tail; undefined when no known cause matches. */
export function hintFor(f: Pick<ChildFailure, 'child' | 'reason' | 'tail' | 'port'>): string | undefined {
  const text = [f.reason, ...f.tail].join('\n');
  return HINTS.find((h) => h.test.test(text))?.fix(f.child, f.port);
}

/** The message `npm start` prints when a child fails: what, the last lines of its log, and the fix. */
export function explainChildFailure(f: ChildFailure): string {
  const name: Record<StackChild, string> = { firestore: 'The Cloud Firestore emulator', auth: 'The Firebase Auth emulator', next: 'The console (next)', 'next build': 'next build' };
  const lines = [`${name[f.child]} failed: ${f.reason}`];
  if (f.tail.length > 0) lines.push('', `Last ${f.tail.length} lines of ${f.logFile}:`, ...f.tail.map((l) => `  | ${l}`));
  else lines.push('', `${f.logFile} has nothing in it.`);
  const hint = hintFor(f);
  lines.push('', hint ? `Fix: ${hint}.` : `Fix: see the whole log, ${f.logFile}.`);
  return lines.join('\n');
}

/** What goes into a `next build`, as the browser tests' build cache (e2e/support/next-build.ts) counts it. */
export const NEXT_BUILD_INPUTS = ['src', 'public', 'next.config.js', 'package.json', 'postcss.config.mjs', 'tsconfig.json'];

export type BuildDecision = { build: false } | { build: true; why: string };

/**
 * `LOCAL_NEXT_MODE=prod` serves `.next`: build when there is none, or when a source is newer than it (a stale build
 * would serve old code); dev mode compiles on demand and never builds.
 */
export function nextBuildDecision(input: { mode: 'dev' | 'prod'; buildIdMtimeMs: number | undefined; newestInputMtimeMs: number }): BuildDecision {
  if (input.mode === 'dev') return { build: false };
  if (input.buildIdMtimeMs === undefined) return { build: true, why: 'there is no production build yet (.next/BUILD_ID is missing)' };
  if (input.newestInputMtimeMs > input.buildIdMtimeMs) return { build: true, why: 'the sources changed since the last build' };
  return { build: false };
}

/** The newest modification time under `paths` (files and folders, recursively; missing paths count as 0). */
export function newestMtime(root: string, paths: readonly string[] = NEXT_BUILD_INPUTS): number {
  const walk = (path: string): number => {
    if (!existsSync(path)) return 0;
    const stat = statSync(path);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return readdirSync(path).reduce((newest, entry) => Math.max(newest, walk(join(path, entry))), stat.mtimeMs);
  };
  return Math.max(0, ...paths.map((p) => walk(join(root, p))));
}

/** `.next/BUILD_ID`'s modification time, or undefined when there is no build. */
export function buildIdMtime(root: string): number | undefined {
  const file = join(root, '.next', 'BUILD_ID');
  return existsSync(file) ? statSync(file).mtimeMs : undefined;
}

/** A child of `npm start` failed; the message is the whole explanation (what, log tail, fix). */
export class ChildFailedError extends Error {
  override readonly name = 'ChildFailedError';
}

/**
 * Runs `next build` with its output streamed to `log`, saying every `everyMs` that it is still building (it takes
 * minutes on two cores). Rejects with a ChildFailedError carrying the build log's tail.
 */
export async function runNextBuild(opts: { nextBin: string; cwd: string; env: NodeJS.ProcessEnv; log: ChildLog; say: (line: string) => void; everyMs?: number }): Promise<void> {
  const t0 = Date.now();
  const child = spawn(process.execPath, [opts.nextBin, 'build'], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) stream.setEncoding('utf8').on('data', (d: string) => opts.log.write(d.trimEnd()));
  const timer = setInterval(() => opts.say(`  next build: still building (${Math.round((Date.now() - t0) / 1000)} s; output in ${opts.log.file})`), opts.everyMs ?? 20_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new ChildFailedError(explainChildFailure({ child: 'next build', reason: `exit code ${code ?? 'none'}`, logFile: opts.log.file, tail: opts.log.tail() }));
    opts.say(`  next build: done in ${Math.round((Date.now() - t0) / 1000)} s`);
  } finally {
    clearInterval(timer);
  }
}

/** `npm start -- --help`. */
export const START_HELP = `Usage: npm start [-- --help]

Runs the whole console on this machine, no GCP account needed: the Cloud Firestore emulator (Java 17+), the
Firebase Auth emulator, a file:// bucket, a demo dataset on first start, an account per role, and the portal.
Ctrl-C saves the emulator's data into the data folder (the next start loads it) and stops everything.

Environment (defaults in brackets; .env.example lists them all):
  LOCAL_DATA_DIR             data, bucket, saved state and logs [.data]
  LOCAL_NEXT_MODE            dev (next dev) or prod (next build, run first when needed, then next start) [dev]
  PORT                       the console [3000]
  FIRESTORE_EMULATOR_PORT    the Firestore emulator [8080]
  AUTH_EMULATOR_PORT         the Auth emulator [9099]
  FIRESTORE_EMULATOR_HOST    use this running emulator instead of starting one
  FIRESTORE_EMULATOR_JAR     cloud-firestore-emulator.jar, when it is not in the Cloud SDK or firebase-tools cache
  DEMO_DOCS, DEMO_SEED       size and seed of the demo dataset [10000, 42]
  LOCAL_ADMIN_EMAIL, LOCAL_ADMIN_PASSWORD   the admin account [admin@backup.local, backup-admin-pass]

When a child process fails, npm start prints the last lines of its log (in <LOCAL_DATA_DIR>/logs) and the fix.

Exit codes:
  0   stopped with Ctrl-C, state saved
  1   something failed to start (the message says what and how to fix it)
  2   bad configuration (the message names the variable)
`;
