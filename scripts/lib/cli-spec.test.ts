/**
 * The CLI's help and argv parsing: every command has help whose flags are exactly its schema's, `--help` works
 * anywhere, and arguments are checked before anything runs.
 */
import { COMMANDS } from './commands';
import { renderCommandHelp, renderOverview, schemaFlags, wrap } from './cli-spec';
import { parseCommandLine, UsageError } from './run-script';

const command = (name: string) => {
  const c = COMMANDS.find((x) => x.help.name === name);
  if (!c) throw new Error(`no command ${name}`);
  return c;
};

describe('help', () => {
  it('exists for every command, with a summary and runnable examples', () => {
    expect(COMMANDS.map((c) => c.help.name)).toEqual(
      expect.arrayContaining(['create', 'list', 'verify', 'restore', 'dr', 'jobs', 'status', 'cancel', 'scheduled', 'init', 'prune', 'hold', 'reindex', 'drill', 'report']),
    );
    for (const { help } of COMMANDS) {
      expect(help.summary.length).toBeGreaterThan(10);
      expect(help.examples.length).toBeGreaterThan(0);
      for (const e of help.examples) expect(e).toMatch(/^npm run backup(:[a-z]+)?( --|$)/);
      const text = renderCommandHelp(help);
      expect(text).toContain(`Usage: npm run backup -- ${help.name}`);
      expect(text).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
    }
  });

  it('lists exactly the flags of the schema, with a value placeholder exactly when the flag takes a value', () => {
    for (const { help } of COMMANDS) {
      const fromSchema = schemaFlags(help.schema);
      expect(fromSchema.map((f) => f.name).sort()).toEqual([...Object.keys(help.flags), 'json'].sort());
      const text = renderCommandHelp(help);
      const helpFlags = [...text.matchAll(/^ {2}--([a-z-]+)/gm)].map((m) => m[1]);
      expect(helpFlags.sort()).toEqual(fromSchema.map((f) => f.name).sort());
      for (const f of fromSchema) {
        if (f.name === 'json') continue;
        const value = (help.flags as Record<string, { value?: string }>)[f.name]?.value;
        expect({ flag: `${help.name} --${f.name}`, takesValue: value !== undefined }).toEqual({ flag: `${help.name} --${f.name}`, takesValue: f.takesValue });
      }
    }
  });

  it('the overview names every command', () => {
    const text = renderOverview(COMMANDS);
    for (const { help } of COMMANDS) expect(text).toMatch(new RegExp(`^ {2}${help.name} +${help.summary.slice(0, 20).replace(/[()|.*+?[\]]/g, '\\$&')}`, 'm'));
  });

  it('wraps paragraphs at 100 columns without losing words', () => {
    const text = 'word '.repeat(60).trim();
    const lines = wrap(text);
    expect(lines.every((l) => l.length <= 100)).toBe(true);
    expect(lines.join(' ')).toBe(text);
  });
});

describe('parseCommandLine', () => {
  it('answers --help or -h anywhere with the help of the command, or the overview without one', () => {
    expect(parseCommandLine(['--help'], COMMANDS)).toEqual({ kind: 'overview', requested: true });
    expect(parseCommandLine(['-h'], COMMANDS)).toEqual({ kind: 'overview', requested: true });
    expect(parseCommandLine(['help'], COMMANDS)).toEqual({ kind: 'overview', requested: true });
    expect(parseCommandLine(['restore', 'b1', '--target', 'staging', '--help'], COMMANDS)).toEqual({ kind: 'help', command: command('restore') });
    expect(parseCommandLine(['-h', 'jobs'], COMMANDS)).toEqual({ kind: 'help', command: command('jobs') });
    expect(parseCommandLine(['help', 'dr'], COMMANDS)).toEqual({ kind: 'help', command: command('dr') });
    // Help wins over flags the command would refuse.
    expect(parseCommandLine(['list', '--bogus', '-h'], COMMANDS)).toEqual({ kind: 'help', command: command('list') });
  });

  it('tells no command (overview, not requested) from an unknown one', () => {
    expect(parseCommandLine([], COMMANDS)).toEqual({ kind: 'overview', requested: false });
    expect(parseCommandLine(['--json'], COMMANDS)).toEqual({ kind: 'overview', requested: false });
    expect(parseCommandLine(['frobnicate'], COMMANDS)).toEqual({ kind: 'unknown', name: 'frobnicate' });
    expect(parseCommandLine(['help', 'frobnicate'], COMMANDS)).toEqual({ kind: 'unknown', name: 'frobnicate' });
  });

  it('parses flags with the command schema: values, lists, booleans, defaults', () => {
    const jobs = parseCommandLine(['jobs', '--kind', 'restore', '--state', 'queued,running', '--json'], COMMANDS);
    expect(jobs).toMatchObject({ kind: 'run', json: true, args: [], flags: { kind: ['restore'], state: ['queued', 'running'], limit: 20 } });
    const restore = parseCommandLine(['restore', 'b1', '--target', 'staging', '--dry-run', '--only=users/**'], COMMANDS);
    expect(restore).toMatchObject({ kind: 'run', json: false, args: ['b1'], flags: { target: 'staging', 'dry-run': true, only: ['users/**'], mode: 'overwrite' } });
    expect(parseCommandLine(['hold', 'b1', '--reason', 'case 1'], COMMANDS)).toMatchObject({ args: ['b1'], flags: { reason: 'case 1' } });
  });

  it('refuses bad flags and arguments by name before anything runs', () => {
    const usage = (argv: string[]) => {
      try {
        parseCommandLine(argv, COMMANDS);
      } catch (err) {
        expect(err).toBeInstanceOf(UsageError);
        return (err as Error).message;
      }
      throw new Error(`accepted ${argv.join(' ')}`);
    };
    expect(usage(['list', '--bogus'])).toMatch(/^list: unknown option --bogus/);
    expect(usage(['jobs', '--state', 'runing'])).toMatch(/^jobs: --state: queued, running/);
    expect(usage(['verify'])).toMatch(/^verify: missing <backupId>/);
    expect(usage(['status', 'a', 'b'])).toMatch(/^status: unexpected argument "b"/);
    expect(usage(['restore', 'b1'])).toMatch(/^restore: --target: required/);
  });
});
