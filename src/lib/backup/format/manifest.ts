/**
 * `manifest.json`: the record of one backup, written LAST into the backup's folder — its presence marks the backup
 * complete (docs/design.md "Logical format"). One schema serves both methods: `logical` (our NDJSON chunks) and `managed`
 * (Google's export files, listed with their hashes so they can be verified the same way).
 *
 * Keys of `collections` are collection-group keys (see {@link collectionGroupKey}): the collection path with every
 * ancestor document id replaced by `*`, e.g. `users` and `users/*\/events`. One count per collection shape, which is
 * what a restore or verification can compare without listing every parent document.
 *
 * Error codes of {@link parseManifest}: a manifest that does not match the schema, or contradicts itself, is damaged
 * backup data → `integrity`; a well-formed manifest of a format version this tool does not know → `invalid_argument`
 * (nothing is broken, this tool just cannot read it). Messages name the failing field path, e.g. `files[2].sha256`.
 */
import { z } from 'zod';
import { EngineError } from '../errors';
import { collectionGroupKey } from './managed-export/read-export';
import { NOT_ENCRYPTED_REASONS, type NotEncryptedReason } from './not-encrypted-reason';

export { collectionGroupKey };

/** The only logical/managed manifest format this tool reads and writes. */
export const MANIFEST_FORMAT_VERSION = 1;

const rfc3339 = z.iso.datetime({ offset: true, error: 'an RFC 3339 timestamp' });
const count = z.int({ error: 'a whole number' }).min(0, { error: 'a whole number >= 0' });
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: 'a lowercase hex SHA-256 (64 characters)' });
const nonEmpty = z.string().min(1);

/** A relative, normalised path inside the backup folder: no leading slash, no `.`/`..`/empty segments. */
const relativePath = z.string().refine(
  (p) => p.length > 0 && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..') && ![...p].some((c) => c < ' ' || c === '\\'),
  { error: 'a relative path inside the backup (no leading slash, "..", empty segments or control characters)' },
);

/** `users`, `users/*\/events`: collection ids separated by `*` placeholders for document ids. */
const collectionKey = z.string().regex(/^[^/*]+(\/\*\/[^/*]+)*$/, {
  error: 'a collection-group key such as users or users/*/events',
});

const fileEntrySchema = z.strictObject({
  path: relativePath,
  bytes: count,
  sha256: sha256Hex,
  documents: count.optional(),
  firstName: nonEmpty.optional(),
  lastName: nonEmpty.optional(),
});

const encryptionSchema = z.strictObject({
  algorithm: z.literal('AES-256-GCM'),
  keyId: nonEmpty,
  wrappedKey: nonEmpty,
  keyWrapper: z.enum(['env', 'kms']),
});

export { NOT_ENCRYPTED_REASONS, type NotEncryptedReason };

const notEncryptedSchema = z.strictObject({ algorithm: z.literal('none'), reason: z.enum(NOT_ENCRYPTED_REASONS) });

// `null` is how manifests written before the reason was recorded say "not encrypted"; they stay readable.
const encryptionSectionSchema = z
  .discriminatedUnion('algorithm', [encryptionSchema, notEncryptedSchema], { error: 'AES-256-GCM with a key id and wrapped key, or none with a reason' })
  .nullable();

const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT_VERSION),
  tool: z.strictObject({ name: nonEmpty, version: nonEmpty }),
  backupId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, { error: '1-128 letters, digits, dot, dash or underscore' }),
  method: z.enum(['logical', 'managed']),
  source: z.strictObject({ projectId: nonEmpty, databaseId: nonEmpty }),
  snapshotTime: rfc3339,
  createdAt: rfc3339,
  completedAt: rfc3339,
  scope: z.strictObject({ include: z.array(nonEmpty), exclude: z.array(nonEmpty) }),
  collections: z.record(collectionKey, z.strictObject({ documents: count })),
  totals: z.strictObject({ documents: count, bytes: count }),
  files: z.array(fileEntrySchema),
  compression: z.enum(['gzip', 'none']),
  encryption: encryptionSectionSchema,
  parentBackupId: z.string().min(1).nullable().optional(),
  timings: z.strictObject({ startedAt: rfc3339, snapshotAt: rfc3339, finishedAt: rfc3339, durationMs: count }),
  /** The audit trail's head when the backup completed: an anchor of the trail outside the control database. */
  auditHead: z.strictObject({ seq: count, hash: sha256Hex, chain: nonEmpty.optional() }).optional(),
});

/** The parsed `manifest.json`. */
export type Manifest = z.output<typeof manifestSchema>;
/** One stored file of a backup: a logical chunk, or one of Google's export files. */
export type ManifestFileEntry = z.output<typeof fileEntrySchema>;
/** How the backup's chunks are encrypted; `wrappedKey` is the data key wrapped by the key `keyId` (never the key). */
export type ManifestEncryption = z.output<typeof encryptionSchema>;
/** The manifest's record of a backup stored without the console's encryption, and why. */
export type ManifestNotEncrypted = z.output<typeof notEncryptedSchema>;

/** The encryption a backup's chunks are sealed with, or null when they are not (whatever the reason). */
export function sealedWith(m: Pick<Manifest, 'encryption'>): ManifestEncryption | null {
  return m.encryption !== null && m.encryption.algorithm === 'AES-256-GCM' ? m.encryption : null;
}

/** Why a backup is not encrypted: null when it is, or when its manifest predates the recorded reason. */
export function notEncryptedReason(m: Pick<Manifest, 'encryption'>): NotEncryptedReason | null {
  return m.encryption !== null && m.encryption.algorithm === 'none' ? m.encryption.reason : null;
}

/** A contradiction inside a manifest; `field` is the path of the field at fault. */
export interface ManifestProblem {
  field: string;
  message: string;
}

export interface ParseManifestOptions {
  /**
   * Also reject a manifest that contradicts itself (default true). Verification turns it off to parse an edited
   * manifest and report every contradiction as a finding instead of stopping at the first.
   */
  checkConsistency?: boolean;
}

/**
 * Parses `manifest.json` (already `JSON.parse`d). Throws EngineError `integrity` naming the field path at fault, or
 * `invalid_argument` for an unknown format version.
 */
export function parseManifest(json: unknown, options: ParseManifestOptions = {}): Manifest {
  const version = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
  if (typeof version === 'number' && version !== MANIFEST_FORMAT_VERSION) {
    throw new EngineError(
      'invalid_argument',
      `manifest format: version ${version} is not supported by this tool (it reads version ${MANIFEST_FORMAT_VERSION})`,
      { details: { field: 'format' } },
    );
  }
  const result = manifestSchema.safeParse(json, { reportInput: true });
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ field: formatPath(i.path), message: issueMessage(i) }));
    const [first] = issues;
    throw new EngineError('integrity', `manifest ${first?.field ?? '(root)'}: ${first?.message ?? 'invalid'}`, {
      details: { field: first?.field, issues },
    });
  }
  if (options.checkConsistency ?? true) {
    const [first] = checkManifestConsistency(result.data);
    if (first !== undefined) {
      throw new EngineError('integrity', `manifest ${first.field}: ${first.message}`, { details: { field: first.field } });
    }
  }
  return result.data;
}

/** Parses the text of `manifest.json`; see {@link parseManifest}. Text that is not JSON is an `integrity` error. */
export function parseManifestText(text: string, options: ParseManifestOptions = {}): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new EngineError('integrity', 'manifest.json is not valid JSON', { cause });
  }
  return parseManifest(json, options);
}

/**
 * Every contradiction inside a schema-valid manifest: totals that are not the sums of their parts, duplicate files,
 * file names that disagree with the declared compression/encryption, times out of order. Empty when consistent.
 */
export function checkManifestConsistency(m: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const byCollection = Object.values(m.collections).reduce((sum, c) => sum + c.documents, 0);
  if (byCollection !== m.totals.documents) {
    add('totals.documents', `is ${m.totals.documents} but the collections add up to ${byCollection}`);
  }
  const bytes = m.files.reduce((sum, f) => sum + f.bytes, 0);
  if (bytes !== m.totals.bytes) add('totals.bytes', `is ${m.totals.bytes} but the files add up to ${bytes}`);
  const seen = new Set<string>();
  m.files.forEach((f, i) => {
    if (seen.has(f.path)) add(`files[${i}].path`, `${f.path} is listed twice`);
    seen.add(f.path);
  });
  if (m.method === 'logical') checkLogicalFiles(m, add);
  if (m.method === 'managed' && sealedWith(m) !== null) add('encryption', 'says AES-256-GCM, but a managed export is Google\'s format and is never sealed by this tool');
  if (m.method === 'logical' && notEncryptedReason(m) === 'managed_export') add('encryption.reason', 'managed_export is the reason of managed backups only');
  if (Date.parse(m.completedAt) < Date.parse(m.createdAt)) add('completedAt', 'is before createdAt');
  if (m.parentBackupId === m.backupId) add('parentBackupId', 'names the backup itself');
  return problems;
}

function checkLogicalFiles(m: Manifest, add: (field: string, message: string) => void): void {
  const suffix = chunkSuffix({ compression: m.compression, encrypted: sealedWith(m) !== null });
  const pattern = new RegExp(`^chunks/\\d{6,}${suffix.replaceAll('.', '\\.')}$`);
  let documents = 0;
  m.files.forEach((f, i) => {
    if (!pattern.test(f.path)) {
      add(`files[${i}].path`, `${f.path} is not a chunk name chunks/NNNNNN${suffix} (compression and encryption say so)`);
    }
    if (f.documents === undefined) add(`files[${i}].documents`, 'is required for a logical chunk');
    documents += f.documents ?? 0;
  });
  if (documents !== m.totals.documents) {
    add('totals.documents', `is ${m.totals.documents} but the chunks add up to ${documents}`);
  }
}

/** The file-name ending of logical chunks: `.ndjson`, then `.gz` when gzipped, then `.enc` when encrypted. */
export function chunkSuffix(o: { compression: Manifest['compression']; encrypted: boolean }): string {
  return `.ndjson${o.compression === 'gzip' ? '.gz' : ''}${o.encrypted ? '.enc' : ''}`;
}

/** The schema's message, said plainly for a missing field and for a bad record key. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return `is missing (expected ${issue.message})`;
  if (issue.code === 'invalid_key') return issue.issues[0]?.message ?? issue.message;
  return issue.message;
}

/** `['files', 2, 'sha256']` → `files[2].sha256`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

const KEY_ORDER: readonly (keyof Manifest)[] = [
  'format', 'tool', 'backupId', 'method', 'source', 'snapshotTime', 'createdAt', 'completedAt', 'scope',
  'collections', 'totals', 'files', 'compression', 'encryption', 'parentBackupId', 'timings', 'auditHead',
];

/**
 * `manifest.json` text: top-level keys in a fixed order, `collections` sorted by key, nested keys sorted, two-space
 * indentation and a final newline — so the same backup always serialises to the same bytes (diffable, hashable).
 */
export function serializeManifest(m: Manifest): string {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) {
    if (m[key] === undefined) continue;
    ordered[key] = key === 'files' ? m.files.map(orderFileEntry) : sortKeys(m[key]);
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

const FILE_KEY_ORDER: readonly (keyof ManifestFileEntry)[] = ['path', 'bytes', 'sha256', 'documents', 'firstName', 'lastName'];

function orderFileEntry(f: ManifestFileEntry): Record<string, unknown> {
  return Object.fromEntries(FILE_KEY_ORDER.filter((k) => f[k] !== undefined).map((k) => [k, f[k]]));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
