/**
 * `npm run worker`: runs queued jobs in a separate process (the API also runs an in-process worker by default).
 * Stops cleanly on SIGINT/SIGTERM; a job it was running when killed is re-queued or failed once its lease expires.
 */
import { loadEngineConfig } from '../src/lib/backup';
import { createRuntime } from '../src/lib/backup/composition';

import { runScript } from './lib/run-script';

runScript(async () => {
  const rt = createRuntime(loadEngineConfig(), { log: (line) => console.error(line) });
  console.error(`worker started for ${rt.config.projectId}; polling for jobs (Ctrl-C stops)`);
  rt.worker.start(1_000);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await rt.close();
  return 0;
});
