/**
 * ExportService on the Cloud Firestore emulator: its REST export (`POST /emulator/v1/projects/{p}:export`) writes
 * Google's managed-export format into a local folder, whose files are then put into the BackupStore under the same
 * layout Google writes. The export is synchronous, so the "operation" is done when `start` returns.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

import { EngineError } from '../../errors';
import type { BackupStore, ExportRequest, ExportService, ExportStatus } from '../../ports';

const PREFIX = 'emulator-export:';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

export function createEmulatorExportService(opts: { host: string; store: BackupStore; workDir?: string }): ExportService {
  const finished = new Map<string, ExportStatus>();

  async function exportInto(req: ExportRequest, dir: string): Promise<string> {
    const database = `projects/${req.projectId}/databases/${req.databaseId}`;
    const res = await fetch(`http://${opts.host}/emulator/v1/projects/${req.projectId}:export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ database, export_directory: dir, ...(req.collectionIds ? { collection_ids: req.collectionIds } : {}) }),
    }).catch((cause: unknown) => {
      throw new EngineError('unavailable', `the Firestore emulator at ${opts.host} did not answer the export request`, { cause });
    });
    if (!res.ok) throw new EngineError('failed_precondition', `the emulator refused the export (${res.status}): ${(await res.text()).slice(0, 300)}`);
    const metadata = (await listFiles(dir)).find((f) => f.endsWith('.overall_export_metadata'));
    if (metadata === undefined) throw new EngineError('integrity', 'the emulator export wrote no .overall_export_metadata');
    return dirname(metadata);
  }

  return {
    async start(req) {
      const dir = await mkdtemp(join(opts.workDir ?? tmpdir(), 'emulator-export-'));
      try {
        const exportRoot = await exportInto(req, dir);
        for (const file of await listFiles(exportRoot)) {
          const key = req.storePrefix + relative(exportRoot, file).split('\\').join('/');
          await opts.store.put(key, createReadStream(file) as AsyncIterable<Buffer>);
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      const operationName = `${PREFIX}${req.projectId}/${req.databaseId}/${req.backupId}`;
      finished.set(operationName, { done: true });
      return { operationName };
    },
    async check(operationName) {
      const status = finished.get(operationName);
      if (status) return status;
      // The emulator export runs inside `start`; an unknown operation means the process that ran it died midway.
      return { done: true, error: { code: 'aborted', message: 'the emulator export was interrupted (its process stopped before the files were stored); start a new backup' } };
    },
    async cancel() {
      // Nothing runs in the background.
    },
  };
}
