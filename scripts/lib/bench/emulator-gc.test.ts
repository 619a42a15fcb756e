import { collectEmulatorGarbage } from './emulator-gc';

describe('collectEmulatorGarbage', () => {
  it('reports false, without throwing, when jcmd is missing or the process is not a JVM', async () => {
    await expect(collectEmulatorGarbage(process.pid, '/nonexistent/jcmd')).resolves.toBe(false);
    await expect(collectEmulatorGarbage(2 ** 30)).resolves.toBe(false);
  });
});
