/**
 * `npm run backup -- <command> [arguments] [flags]`: the CLI over BackupDREngine. `--help` (or `-h`) anywhere
 * prints the help of the command (or, without one, the list of commands) on stdout and exits 0; `help [command]`
 * does the same. No command at all, or an unknown one, prints the list of commands on stderr and exits 2, as gcloud
 * does. Each command's flags and help are declared together (scripts/lib/*-flags, *-command: `CommandHelp`).
 *
 * Backups, restores and cancels are audited as `cli:<os user>` (scripts/lib/cli-audit.ts).
 *
 * Output: stdout carries the result (with --json exactly one JSON document); the job line that every job-starting
 * command prints before it waits, and progress, go to stderr. Exit codes: 0 success (a backup: verified), 1 the
 * operation failed, 2 bad usage or configuration.
 */
import { COMMANDS } from './lib/commands';
import { renderCommandHelp, renderOverview } from './lib/cli-spec';
import { parseCommandLine, runScript } from './lib/run-script';

async function main(argv: string[]): Promise<number> {
  const line = parseCommandLine(argv, COMMANDS);
  switch (line.kind) {
    case 'overview':
      if (line.requested) process.stdout.write(renderOverview(COMMANDS));
      else process.stderr.write(`error: which command?\n\n${renderOverview(COMMANDS)}`);
      return line.requested ? 0 : 2;
    case 'help':
      process.stdout.write(renderCommandHelp(line.command.help));
      return 0;
    case 'unknown':
      process.stderr.write(`error: unknown command ${JSON.stringify(line.name)}\n\n${renderOverview(COMMANDS)}`);
      return 2;
    case 'run':
      return line.command.run(line);
  }
}

const argv = process.argv.slice(2);
runScript(() => main(argv), { json: argv.includes('--json') });
