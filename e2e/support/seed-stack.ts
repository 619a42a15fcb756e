/**
 * Seeds the browser tests' emulators: the demo dataset and the local accounts. Runs as its own process (spawned by
 * the global setup with the emulator hosts in its environment) so the Jest parent process keeps the environment the
 * other projects' setups gave it. Prints the number of documents written.
 *
 * Usage: tsx e2e/support/seed-stack.ts <projectId> <documents> <password>
 */
import { Firestore } from '@google-cloud/firestore';

import { seedDemoData } from '../../src/lib/demo/seed-demo-data';
import { ensureAccounts, localAccounts } from '../../src/lib/local/accounts';

async function main(): Promise<void> {
  const [projectId = '', documents = '300', password = ''] = process.argv.slice(2);
  if (!projectId.startsWith('demo-')) throw new Error(`refusing project id ${projectId}: browser tests use demo-* ids`);
  const db = new Firestore({ projectId });
  try {
    const written = await seedDemoData(db, { documents: Number(documents), seed: 7, projectId });
    await ensureAccounts(projectId, localAccounts({ email: 'admin@backup.local', password }));
    console.log(String(written));
  } finally {
    await db.terminate();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
