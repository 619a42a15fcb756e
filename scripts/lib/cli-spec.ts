/**
 * Commands of `npm run backup` as data: each command's help (usage, arguments, flags, examples, exit codes) sits next
 * to its zod flag schema, and the flag list of the help is typed by the schema's keys, so a flag without help (or
 * help for a flag that does not exist) is a type error. The argv parser learns from the same schema which flags take
 * a value, so help, parsing and validation cannot disagree.
 */
import { z } from 'zod';

/** How one flag is explained: `value` is the placeholder of a flag that takes a value (`--mode <mode>`). */
export interface FlagHelp {
  value?: string;
  text: string;
}

export type ExitCodes = Partial<Record<0 | 1 | 2, string>>;

/** The help of one command, keyed to its flag schema. `json` and `help` are global flags, explained once. */
export interface CommandHelp<S extends z.ZodObject> {
  name: string;
  /** One line, shown in the command list. */
  summary: string;
  /** What follows the command name in the usage line, e.g. `<backupId> --target <where> [flags]`. */
  usage: string;
  /** Paragraphs after the usage line. */
  description?: string[];
  /** Positional arguments, in order. */
  args?: Array<{ name: string; text: string }>;
  flags: { [K in Exclude<keyof S['shape'] & string, 'json'>]-?: FlagHelp };
  examples: string[];
  /** Overrides of the standard exit-code lines (0 success, 1 failed, 2 usage/configuration). */
  exitCodes?: ExitCodes;
  /** An npm script that runs this command, e.g. `npm run backup:dr`. */
  alias?: string;
  schema: S;
}

export interface CommandInput<S extends z.ZodObject> {
  flags: z.output<S>;
  args: string[];
  json: boolean;
}

/** A command with its types closed over, so commands of different schemas fit one registry. */
export interface Command {
  help: CommandHelp<z.ZodObject>;
  run(input: { flags: Record<string, unknown>; args: string[]; json: boolean }): Promise<number>;
}

export function defineCommand<S extends z.ZodObject>(help: CommandHelp<S>, run: (input: CommandInput<S>) => Promise<number>): Command {
  return {
    help: help as unknown as CommandHelp<z.ZodObject>,
    run: ({ flags, args, json }) => run({ flags: flags as z.output<S>, args, json }),
  };
}

/** True for a `--flag` without a value (a zod boolean, possibly optional or defaulted). */
export function isBooleanFlag(schema: z.ZodType): boolean {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) return isBooleanFlag(schema.unwrap() as z.ZodType);
  return schema instanceof z.ZodBoolean;
}

/** The flags a schema declares, with whether each takes a value. */
export function schemaFlags(schema: z.ZodObject): Array<{ name: string; takesValue: boolean }> {
  return Object.entries(schema.shape).map(([name, s]) => ({ name, takesValue: !isBooleanFlag(s as z.ZodType) }));
}

export const PROG = 'npm run backup --';

export const STANDARD_EXIT_CODES: Required<ExitCodes> = {
  0: 'success',
  1: 'the operation failed (see the message)',
  2: 'bad usage or configuration (nothing was done)',
};

const GLOBAL_FLAGS: Array<[string, string]> = [
  ['--json', 'stdout carries one JSON document; job lines and progress go to stderr'],
  ['-h, --help', 'this help'],
];

/** Wraps a paragraph at `width` columns (help reads well in an 100-column terminal). */
export function wrap(text: string, width = 100, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

const placeholder = (value: string): string => (/^\w+$/.test(value) ? `<${value}>` : value);

function table(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}   ${right}`);
}

/** The full help of one command: usage, description, arguments, flags, examples, exit codes. */
export function renderCommandHelp(help: CommandHelp<z.ZodObject>): string {
  const lines = [`Usage: ${PROG} ${help.name}${help.usage ? ` ${help.usage}` : ''}`, '', help.summary];
  if (help.alias) lines.push(`(also: ${help.alias})`);
  for (const p of help.description ?? []) lines.push('', ...wrap(p));
  if (help.args && help.args.length > 0) lines.push('', 'Arguments:', ...table(help.args.map((a) => [a.name, a.text])));
  const flags = Object.entries(help.flags as Record<string, FlagHelp>).map(([name, f]): [string, string] => [`--${name}${f.value ? ` ${placeholder(f.value)}` : ''}`, f.text]);
  lines.push('', 'Flags:', ...table([...flags, ...GLOBAL_FLAGS]));
  lines.push('', 'Examples:', ...help.examples.map((e) => `  ${e}`));
  const codes = { ...STANDARD_EXIT_CODES, ...help.exitCodes };
  lines.push('', 'Exit codes:', ...table(Object.entries(codes).map(([code, text]): [string, string] => [code, text])));
  return `${lines.join('\n')}\n`;
}

/** The overview: every command with its summary. */
export function renderOverview(commands: readonly Command[]): string {
  return [
    `Usage: ${PROG} <command> [arguments] [flags]`,
    '',
    'The CLI of the Backup & DR console (one engine with the portal and the API). Configuration comes from the',
    'environment (.env.example lists every variable).',
    '',
    'Commands:',
    ...table(commands.map((c) => [c.help.name, c.help.summary])),
    '',
    'Global flags:',
    ...table(GLOBAL_FLAGS),
    '',
    `Run \`${PROG} <command> --help\` for a command's arguments, flags, examples and exit codes.`,
    '',
    'Exit codes:',
    ...table(Object.entries(STANDARD_EXIT_CODES)),
    '',
  ].join('\n');
}
