/** Stops what the browser tests' global setup started, newest first. */
export default async function globalTeardown(): Promise<void> {
  const started = globalThis.__BACKUP_E2E_STACK__ ?? [];
  for (const s of [...started].reverse()) await s.stop().catch(() => undefined);
}
