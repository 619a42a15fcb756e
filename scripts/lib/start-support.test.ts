/** `npm start`'s failure explanations and its build-before-serving decision. */
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildIdMtime, ChildLog, explainChildFailure, hintFor, newestMtime, nextBuildDecision } from './start-support';

describe('nextBuildDecision', () => {
  it('builds in prod mode when there is no build, or the sources are newer than it; never in dev mode', () => {
    expect(nextBuildDecision({ mode: 'prod', buildIdMtimeMs: undefined, newestInputMtimeMs: 5 })).toEqual({ build: true, why: expect.stringContaining('BUILD_ID is missing') });
    expect(nextBuildDecision({ mode: 'prod', buildIdMtimeMs: 10, newestInputMtimeMs: 11 })).toEqual({ build: true, why: expect.stringContaining('changed') });
    expect(nextBuildDecision({ mode: 'prod', buildIdMtimeMs: 10, newestInputMtimeMs: 10 })).toEqual({ build: false });
    expect(nextBuildDecision({ mode: 'dev', buildIdMtimeMs: undefined, newestInputMtimeMs: 5 })).toEqual({ build: false });
  });

  it('reads BUILD_ID and the newest source from the file system', () => {
    const root = mkdtempSync(join(tmpdir(), 'next-build-'));
    expect(buildIdMtime(root)).toBeUndefined();
    mkdirSync(join(root, 'src', 'app'), { recursive: true });
    mkdirSync(join(root, '.next'));
    writeFileSync(join(root, 'src', 'app', 'page.tsx'), 'x');
    writeFileSync(join(root, '.next', 'BUILD_ID'), 'b1');
    const at = (path: string, seconds: number) => utimesSync(join(root, ...path.split('/')), seconds, seconds);
    for (const dir of ['src', 'src/app']) at(dir, 1_000);
    at('src/app/page.tsx', 2_000);
    at('.next/BUILD_ID', 3_000);
    expect(buildIdMtime(root)).toBe(3_000_000);
    expect(newestMtime(root)).toBe(2_000_000);
    expect(nextBuildDecision({ mode: 'prod', buildIdMtimeMs: buildIdMtime(root), newestInputMtimeMs: newestMtime(root) })).toEqual({ build: false });
    at('src/app/page.tsx', 4_000);
    expect(nextBuildDecision({ mode: 'prod', buildIdMtimeMs: buildIdMtime(root), newestInputMtimeMs: newestMtime(root) }).build).toBe(true);
  });
});

describe('explainChildFailure', () => {
  it('shows the last lines of the log and the fix when next start finds no build', () => {
    const tail = ['▲ Next.js 16.4.6', "Error: Could not find a production build in the '.next' directory. Try building your app with 'next build' before starting the production server."];
    const message = explainChildFailure({ child: 'next', reason: 'the process exited (code 1, signal none)', logFile: '.data/logs/next.log', tail, port: 3000 });
    expect(message).toContain('The console (next) failed: the process exited (code 1, signal none)');
    expect(message).toContain('Last 2 lines of .data/logs/next.log:\n  | ▲ Next.js 16.4.6\n  | Error: Could not find a production build');
    expect(message).toMatch(/Fix: there is no production build: run `npx next build`/);
  });

  it('names the variable that moves the child that found its port taken', () => {
    expect(hintFor({ child: 'firestore', reason: 'x', tail: ['java.net.BindException: Address already in use'], port: 8080 })).toMatch(/port 8080 is taken.*FIRESTORE_EMULATOR_PORT=/);
    expect(hintFor({ child: 'auth', reason: 'x', tail: ['Error: Port 9099 is not open on 127.0.0.1, could not start Auth Emulator.'], port: 9099 })).toMatch(/port 9099 is taken.*AUTH_EMULATOR_PORT=/);
    expect(hintFor({ child: 'next', reason: 'x', tail: ['Error: listen EADDRINUSE: address already in use 127.0.0.1:3000'], port: 3000 })).toMatch(/port 3000 is taken.*set PORT=/);
  });

  it('says to install Java 17 when Java is missing or too old', () => {
    expect(hintFor({ child: 'firestore', reason: 'spawn java ENOENT', tail: [] })).toMatch(/openjdk-17/);
    expect(hintFor({ child: 'firestore', reason: 'x', tail: ['Exception in thread "main" java.lang.UnsupportedClassVersionError: ...'] })).toMatch(/too old.*openjdk-17/);
  });

  it('says who kills with SIGKILL', () => {
    expect(hintFor({ child: 'firestore', reason: 'the process exited (code none, signal SIGKILL)', tail: ['INFO: Detected HTTP/2 connection.'] })).toMatch(/out-of-memory killer/);
  });

  it('points at the whole log when no known cause matches', () => {
    const message = explainChildFailure({ child: 'auth', reason: 'no answer from http://127.0.0.1:9099/ within 60000 ms', logFile: '/tmp/auth.log', tail: [] });
    expect(message).toContain('/tmp/auth.log has nothing in it.');
    expect(message).toContain('Fix: see the whole log, /tmp/auth.log.');
  });
});

describe('ChildLog', () => {
  it('appends to its file and keeps the last lines, split per line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'child-log-')), 'x.log');
    const log = new ChildLog(file, 30);
    for (let i = 1; i <= 40; i++) log.write(`line ${i}`);
    log.write('a\nb\n\n\u001b[?25h');
    expect(log.tail()).toHaveLength(20);
    expect(log.tail(3)).toEqual(['line 40', 'a', 'b']);
    await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(file, 'utf8').split('\n')).toContain('line 1');
  });
});
