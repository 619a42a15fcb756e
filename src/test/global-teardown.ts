/** Stops the emulators the global setup started. */
export default async function globalTeardown(): Promise<void> {
  const running = globalThis.__BACKUP_TEST_EMULATORS__ ?? [];
  await Promise.all(running.map((r) => r.stop()));
}
