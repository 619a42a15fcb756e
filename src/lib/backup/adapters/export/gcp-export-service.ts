/**
 * ExportService on Google Cloud: the Firestore Admin API's long-running `exportDocuments` straight into the gs://
 * bucket, polled with `checkExportDocumentsProgress(operationName)` so a restarted worker resumes tracking.
 * (https://cloud.google.com/firestore/docs/manage-data/export-import)
 */
import { v1 } from '@google-cloud/firestore';

import { EngineError, isEngineError, type EngineErrorCode } from '../../errors';
import { grpcCodeOf, grpcStatusError } from '../firestore/grpc-errors';
import type { ExportRequest, ExportService, ExportStatus } from '../../ports';

/** The part of `v1.FirestoreAdminClient` we use; tests pass a fake (no emulator offers the Admin API). */
export interface AdminClientLike {
  exportDocuments(request: {
    name: string;
    outputUriPrefix: string;
    collectionIds?: string[];
    snapshotTime?: { seconds: number; nanos: number };
  }): Promise<[{ name?: string | null }, ...unknown[]]>;
  checkExportDocumentsProgress(name: string): Promise<{
    done?: boolean | null;
    error?: { code?: number | null; message?: string | null } | null;
    metadata?: { progressDocuments?: { completedWork?: number | string | null } | null; progressBytes?: { completedWork?: number | string | null } | null } | null;
  }>;
  cancelOperation?(request: { name: string }): Promise<unknown>;
  importDocuments?(request: { name: string; inputUriPrefix: string; collectionIds?: string[] }): Promise<[{ name?: string | null }, ...unknown[]]>;
  checkImportDocumentsProgress?(name: string): ReturnType<AdminClientLike['checkExportDocumentsProgress']>;
}

const ROLE_HINT =
  'the service account needs roles/datastore.importExportAdmin on the project and roles/storage.objectAdmin on the bucket ' +
  '(and the Firestore service agent needs write access to the bucket)';

/** What a status means for an export or import, added to the message where the bare status says too little. */
const ADMIN_CONTEXT: Partial<Record<EngineErrorCode, string>> = {
  resource_exhausted: 'quota exceeded, retry later',
  not_found: 'database or bucket not found',
};

/**
 * Maps Admin API failures to EngineErrors through the one gRPC status table (grpc-errors.ts), so code and
 * retryability are decided as for every other Firestore call; PERMISSION_DENIED names the IAM roles an export needs.
 */
export function wrapAdminError(err: unknown, doing: string): EngineError {
  if (isEngineError(err)) return err;
  const code = grpcCodeOf(err);
  const message = err instanceof Error ? err.message : String((err as { message?: unknown }).message ?? err);
  if (code === undefined) return new EngineError('internal', `${doing}: ${message}`, { cause: err });
  const wrapped = grpcStatusError(code, message, doing, { cause: err, permissionHint: ROLE_HINT });
  const context = ADMIN_CONTEXT[wrapped.code];
  if (context === undefined) return wrapped;
  return new EngineError(wrapped.code, `${doing}: ${context} (${message})`, { retryable: wrapped.retryable, details: wrapped.details, cause: err });
}

/** The export's `snapshotTime` must be a whole minute in the past; rounding down keeps it consistent and valid. */
export function roundDownToMinute(date: Date): { seconds: number; nanos: number } {
  return { seconds: Math.floor(date.getTime() / 60_000) * 60, nanos: 0 };
}

function work(value: number | string | null | undefined): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

export function createGcpExportService(opts: { bucketUrl: string; client?: AdminClientLike }): ExportService {
  if (!opts.bucketUrl.startsWith('gs://')) {
    throw new EngineError('invalid_argument', `managed exports on Google Cloud write to a gs:// bucket; BACKUP_BUCKET_URL is ${opts.bucketUrl}`);
  }
  const base = opts.bucketUrl.replace(/\/+$/, '');
  let client = opts.client;
  const admin = (): AdminClientLike => (client ??= new v1.FirestoreAdminClient() as unknown as AdminClientLike);
  return {
    async start(req: ExportRequest) {
      const request = {
        name: `projects/${req.projectId}/databases/${req.databaseId}`,
        outputUriPrefix: `${base}/${req.storePrefix.replace(/\/+$/, '')}`,
        ...(req.collectionIds ? { collectionIds: req.collectionIds } : {}),
        ...(req.snapshotTime ? { snapshotTime: roundDownToMinute(req.snapshotTime) } : {}),
      };
      try {
        const [operation] = await admin().exportDocuments(request);
        if (!operation.name) throw new EngineError('internal', 'exportDocuments returned an operation without a name');
        return { operationName: operation.name };
      } catch (err) {
        throw wrapAdminError(err, `exporting ${request.name} to ${request.outputUriPrefix}`);
      }
    },
    async check(operationName): Promise<ExportStatus> {
      return progressOf(operationName, () => admin().checkExportDocumentsProgress(operationName), 'export');
    },
    async startImport(req) {
      const request = {
        name: `projects/${req.projectId}/databases/${req.databaseId}`,
        inputUriPrefix: `${base}/${req.storePrefix.replace(/\/+$/, '')}`,
        ...(req.collectionIds ? { collectionIds: req.collectionIds } : {}),
      };
      try {
        const client = admin();
        if (!client.importDocuments) throw new EngineError('internal', 'the Admin client has no importDocuments');
        const [operation] = await client.importDocuments(request);
        if (!operation.name) throw new EngineError('internal', 'importDocuments returned an operation without a name');
        return { operationName: operation.name };
      } catch (err) {
        throw wrapAdminError(err, `importing ${request.inputUriPrefix} into ${request.name}`);
      }
    },
    async checkImport(operationName) {
      const client = admin();
      return progressOf(operationName, () => {
        if (!client.checkImportDocumentsProgress) throw new EngineError('internal', 'the Admin client has no checkImportDocumentsProgress');
        return client.checkImportDocumentsProgress(operationName);
      }, 'import');
    },
    async cancel(operationName) {
      await admin().cancelOperation?.({ name: operationName }).catch((err: unknown) => {
        throw wrapAdminError(err, `cancelling export ${operationName}`);
      });
    },
  };
}

/** Reads a long-running operation's state into an ExportStatus. */
async function progressOf(operationName: string, fetchOp: () => ReturnType<AdminClientLike['checkExportDocumentsProgress']>, what: string): Promise<ExportStatus> {
  try {
    const op = await fetchOp();
    const progress = { documents: work(op.metadata?.progressDocuments?.completedWork), bytes: work(op.metadata?.progressBytes?.completedWork) };
    if (op.error) {
      const wrapped = wrapAdminError({ code: op.error.code, message: op.error.message ?? `${what} failed` }, `${what} ${operationName}`);
      return { done: true, error: { code: wrapped.code, message: wrapped.message }, progress };
    }
    return { done: op.done === true, progress };
  } catch (err) {
    throw wrapAdminError(err, `checking ${what} ${operationName}`);
  }
}
