/** Runs the real CLI (`tsx scripts/backup.ts …`) as a child process with extra environment, for integration tests. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const root = join(__dirname, '..', '..', '..');

/** `npm run backup -- <args>` with `env` over this process's environment; resolves when the process closes. */
export function runCli(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [join(root, 'scripts', 'backup.ts'), ...args], { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}
