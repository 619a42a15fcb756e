/**
 * One entry helper for every script: parses argv with zod, turns errors into messages and exit codes (never a
 * stack trace for expected failures), and closes what the script opened.
 *
 * Exit codes: 0 success, 1 the operation failed (e.g. a backup did not verify), 2 bad usage or configuration.
 */
import { parseArgs } from 'node:util';

import { z } from 'zod';

import { ConfigError } from '../../src/lib/backup/config';
import { isEngineError } from '../../src/lib/backup/errors';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | boolean | undefined>;
}

/** Flags that take a value; every other `--flag` is a boolean. */
const VALUE_FLAGS = ['method', 'collections', 'exclude', 'database', 'limit', 'state', 'target', 'mode', 'only', 'confirm', 'reason', 'docs', 'seed', 'backup'];

/** Splits argv into positionals and `--flag value` / `--flag` options (unknown flags are kept for the zod schema to refuse). */
export function splitArgs(argv: string[]): ParsedArgs {
  const options = Object.fromEntries(VALUE_FLAGS.map((f) => [f, { type: 'string' as const }]));
  const { values, positionals } = parseArgs({ args: argv, options, strict: false, allowPositionals: true });
  return { positionals, flags: values as Record<string, string | boolean | undefined> };
}

/** Parses flags with a strict zod object; the message names each bad flag. */
export function parseFlags<S extends z.ZodObject>(schema: S, flags: Record<string, unknown>, command: string): z.output<S> {
  const r = schema.strict().safeParse(flags);
  if (r.success) return r.data as z.output<S>;
  const lines = r.error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `unknown option ${i.keys.map((k) => `--${k}`).join(', ')}`;
    return `--${i.path.join('.')}: ${i.message}`;
  });
  throw new UsageError(`${command}: ${lines.join('; ')}`);
}

/** Runs `main`; maps errors to exit codes and prints them plainly (as JSON with --json). */
export function runScript(main: () => Promise<number | void>, opts: { json?: boolean } = {}): void {
  main()
    .then((code) => {
      process.exitCode = code ?? 0;
    })
    .catch((err: unknown) => {
      const usage = err instanceof UsageError || err instanceof ConfigError || isEngineError(err, 'invalid_argument');
      const code = isEngineError(err) ? err.code : usage ? 'usage' : 'internal';
      const message = err instanceof Error ? err.message : String(err);
      if (opts.json) console.log(JSON.stringify({ ok: false, error: { code, message } }));
      else console.error(`error: ${message}`);
      process.exitCode = usage ? 2 : 1;
    })
    .finally(() => {
      // gRPC channels can keep the event loop alive after close; the result has been printed.
      setTimeout(() => process.exit(), 200).unref();
    });
}
