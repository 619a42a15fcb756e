/**
 * `npm start`'s Ctrl-C, the way a terminal delivers it: SIGINT to the whole foreground process group (npm, tsx and our
 * process, plus any child sharing the group), which tsx then relays to our process a second time. The local stack
 * must save the emulator's data and stop every process it started.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { findExportMetadata } from '../src/lib/local/firestore-emulator';
import { freePort } from '../src/lib/local/process-utils';

jest.setTimeout(300_000);

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('saves the data and stops every process when the whole process group gets SIGINT', async () => {
  const data = mkdtempSync(join(tmpdir(), 'start-stop-'));
  const ports = { PORT: await freePort(), FIRESTORE_EMULATOR_PORT: await freePort(), AUTH_EMULATOR_PORT: await freePort() };
  const env: Record<string, string | undefined> = { ...process.env, LOCAL_DATA_DIR: data, DEMO_DOCS: '50', ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
  // Our own emulators, not the test run's.
  delete env.FIRESTORE_EMULATOR_HOST;
  delete env.FIREBASE_AUTH_EMULATOR_HOST;
  // As from a terminal: Jest's NODE_ENV=test would change what `next dev` does (it rewrites tsconfig.json then).
  delete env.NODE_ENV;
  const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [join(__dirname, 'start.ts')], { env: env as NodeJS.ProcessEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitFor('the local stack', () => out.includes('Ready in'), 240_000);
    // Encrypted by default (issue 15, finding 7): a key in the data folder, outside the bucket, named in the summary.
    const key = join(data, 'keys', 'backup-encryption.key');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(out).toContain(`Encryption key     ${key}`);
    // The audit chain's key is generated into the data folder and handed to the console (issue 15, finding 4).
    expect(out).toContain(`generated the audit trail's HMAC key into ${join(data, 'audit-hmac.key')}`);
    expect(Buffer.from(readFileSync(join(data, 'audit-hmac.key'), 'utf8').trim(), 'base64')).toHaveLength(32);
    // The CLI gets the same settings and keys from one file (0600: it holds the keys).
    const cliEnv = join(data, 'cli.env');
    expect(statSync(cliEnv).mode & 0o777).toBe(0o600);
    expect(readFileSync(cliEnv, 'utf8')).toMatch(/^export BACKUP_AUDIT_HMAC_KEY='[^']+'$/m);
    expect(out).toContain(`. ${cliEnv} && npm run backup -- list`);
    process.kill(-(child.pid as number), 'SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('state saved');
    expect(findExportMetadata(join(data, 'firestore-state'))).toBeDefined();
    for (const port of Object.values(ports)) await waitFor(`port ${port} to close`, async () => !(await portOpen(port)), 20_000);
  } finally {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
    if (!out.includes('state saved')) console.error(out);
  }
});
