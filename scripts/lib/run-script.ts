/**
 * One entry helper for every script: parses argv with zod, turns errors into messages and exit codes (never a
 * stack trace for expected failures), and closes what the script opened.
 *
 * Exit codes: 0 success, 1 the operation failed (e.g. a backup did not verify), 2 bad usage or configuration.
 */
import { parseArgs } from 'node:util';

import { z } from 'zod';

import { ConfigError, isEngineError } from '../../src/lib/backup';

import { PROG, schemaFlags, type Command } from './cli-spec';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What argv asks for: a command's help, the overview, an unknown command, or a command to run. */
export type CommandLine =
  | { kind: 'overview'; requested: boolean }
  | { kind: 'help'; command: Command }
  | { kind: 'unknown'; name: string }
  | { kind: 'run'; command: Command; flags: Record<string, unknown>; args: string[]; json: boolean };

const HELP = new Set(['--help', '-h']);

/**
 * Reads argv as `<command> [arguments] [flags]`. `--help`/`-h` anywhere (or `help [command]`) asks for help; which
 * flags take a value comes from the command's schema; unknown flags are kept for the schema to refuse by name.
 */
export function parseCommandLine(argv: string[], commands: readonly Command[]): CommandLine {
  const name = argv.find((a) => !a.startsWith('-'));
  const find = (n: string | undefined) => commands.find((c) => c.help.name === n);
  if (name === 'help') {
    const target = argv.slice(argv.indexOf('help') + 1).find((a) => !a.startsWith('-'));
    const command = find(target);
    if (target === undefined) return { kind: 'overview', requested: true };
    return command ? { kind: 'help', command } : { kind: 'unknown', name: target };
  }
  const command = find(name);
  const wantsHelp = argv.some((a) => HELP.has(a));
  if (name === undefined) return { kind: 'overview', requested: wantsHelp };
  if (!command) return wantsHelp ? { kind: 'overview', requested: true } : { kind: 'unknown', name };
  if (wantsHelp) return { kind: 'help', command };
  const options = Object.fromEntries(schemaFlags(command.help.schema).map((f) => [f.name, { type: f.takesValue ? ('string' as const) : ('boolean' as const) }]));
  const { values, positionals } = parseArgs({ args: argv.slice(argv.indexOf(name) + 1), options, strict: false, allowPositionals: true });
  const flags = parseFlags(command.help.schema, values, name);
  return { kind: 'run', command, flags, args: checkArgs(command, positionals), json: values.json === true };
}

function checkArgs(command: Command, positionals: string[]): string[] {
  const declared = command.help.args ?? [];
  const missing = declared.slice(positionals.length).find((a) => a.name.startsWith('<'));
  const usage = `usage: ${PROG} ${command.help.name} ${command.help.usage} (--help explains)`;
  if (missing) throw new UsageError(`${command.help.name}: missing ${missing.name}; ${usage}`);
  if (positionals.length > declared.length) throw new UsageError(`${command.help.name}: unexpected argument ${JSON.stringify(positionals[declared.length])}; ${usage}`);
  return positionals;
}

/** Parses flags with a strict zod object; the message names each bad flag. */
export function parseFlags<S extends z.ZodObject>(schema: S, flags: Record<string, unknown>, command: string): z.output<S> {
  const r = schema.strict().safeParse(flags);
  if (r.success) return r.data as z.output<S>;
  const lines = r.error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `unknown option ${i.keys.map((k) => `--${k}`).join(', ')}`;
    return `--${String(i.path[0] ?? '')}: ${i.message}`;
  });
  throw new UsageError(`${command}: ${lines.join('; ')} (${PROG} ${command} --help lists the flags)`);
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
