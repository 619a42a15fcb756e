/**
 * `npm run backup` as a user meets it: help on stdout with exit 0, no command or an unknown one → the command list
 * on stderr with exit 2 (gcloud's behaviour). Runs the real entry point (no engine is created for help).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(60_000);

const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
const backup = (...args: string[]) => {
  const r = spawnSync(tsx, [join(__dirname, 'backup.ts'), ...args], { encoding: 'utf8', env: { ...process.env, BACKUP_PROJECT_ID: '', BACKUP_BUCKET_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

it('--help prints the overview on stdout and exits 0; a command with --help prints its own help', () => {
  const overview = backup('--help');
  expect(overview).toMatchObject({ code: 0, stderr: '' });
  expect(overview.stdout).toMatch(/^Usage: npm run backup -- <command>/);
  expect(overview.stdout).toMatch(/^ {2}jobs +/m);
  const restore = backup('restore', '--help');
  expect(restore).toMatchObject({ code: 0, stderr: '' });
  expect(restore.stdout).toContain('--target <where>');
});

it('no command, or an unknown one, lists the commands on stderr and exits 2', () => {
  const none = backup();
  expect(none).toMatchObject({ code: 2, stdout: '' });
  expect(none.stderr).toMatch(/which command\?[\s\S]*Commands:/);
  const unknown = backup('frobnicate');
  expect(unknown).toMatchObject({ code: 2, stdout: '' });
  expect(unknown.stderr).toMatch(/unknown command "frobnicate"[\s\S]*^ {2}restore +/m);
});
