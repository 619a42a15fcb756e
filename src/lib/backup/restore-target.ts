/**
 * Restore targets, the one grammar (issue 16): `staging` | `production` | `database:<id>` | `project:<id>[/<db>]`.
 *
 * Parsed once at a boundary (environment, request body, CLI flag, engine input) into {@link RestoreTarget}, which then
 * travels as such; {@link formatRestoreTarget} turns it back into text for display, audit entries and stored documents.
 * A leaf module: zod and types only, so contracts and client components may import it without pulling in the engine.
 */
import { z } from 'zod';

import type { DatabaseRef } from './ports';

/** Where a restore writes. `database` is a database of the backup's own project; `project` names one anywhere. */
export type RestoreTarget =
  | { kind: 'staging' }
  | { kind: 'production' }
  | { kind: 'database'; databaseId: string }
  | ({ kind: 'project' } & DatabaseRef);

/** What `staging` means (BACKUP_STAGING_TARGET, the staging config document): a database, never a name. */
export type StagingTarget = Extract<RestoreTarget, { kind: 'database' | 'project' }>;

/** The forms, for error messages. */
export const RESTORE_TARGET_FORMS = 'staging, production, database:<databaseId> or project:<projectId>[/<databaseId>]';
export const STAGING_TARGET_FORMS = 'project:<projectId>[/<databaseId>] or database:<databaseId>';

/** Google Cloud project ids (https://cloud.google.com/resource-manager/docs/creating-managing-projects). */
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
/** A named Firestore database: `database:<id>` never names `(default)` (production's database has its own name). */
const NAMED_DATABASE_ID = /^[a-z][a-z0-9-]{2,62}$/;
const DATABASE_ID = /^(\(default\)|[a-z][a-z0-9-]{2,62})$/;

/** Parses a target's text; undefined when it is not one of the four forms. */
export function parseRestoreTarget(text: string): RestoreTarget | undefined {
  if (text === 'staging' || text === 'production') return { kind: text };
  if (text.startsWith('database:')) {
    const databaseId = text.slice('database:'.length);
    return NAMED_DATABASE_ID.test(databaseId) ? { kind: 'database', databaseId } : undefined;
  }
  if (!text.startsWith('project:')) return undefined;
  const rest = text.slice('project:'.length);
  const slash = rest.indexOf('/');
  const projectId = slash < 0 ? rest : rest.slice(0, slash);
  const databaseId = slash < 0 ? '(default)' : rest.slice(slash + 1);
  return PROJECT_ID.test(projectId) && DATABASE_ID.test(databaseId) ? { kind: 'project', projectId, databaseId } : undefined;
}

/** Parses a staging target's text; undefined unless it is `database:<id>` or `project:<id>[/<db>]`. */
export function parseStagingTarget(text: string): StagingTarget | undefined {
  const t = parseRestoreTarget(text);
  return t?.kind === 'database' || t?.kind === 'project' ? t : undefined;
}

/** The target's text: the inverse of {@link parseRestoreTarget} (`project:<id>` when the database is `(default)`). */
export function formatRestoreTarget(target: RestoreTarget): string {
  switch (target.kind) {
    case 'staging':
    case 'production':
      return target.kind;
    case 'database':
      return `database:${target.databaseId}`;
    case 'project':
      return target.databaseId === '(default)' ? `project:${target.projectId}` : `project:${target.projectId}/${target.databaseId}`;
  }
}

/** A restore target's text, checked and kept as text (request bodies, job parameters, CLI flags). */
export const restoreTargetText = z.string().max(100).refine((t) => parseRestoreTarget(t) !== undefined, { error: RESTORE_TARGET_FORMS });

/** A staging target's text, checked and kept as text (the stored staging document). */
export const stagingTargetText = z.string().max(100).refine((t) => parseStagingTarget(t) !== undefined, { error: STAGING_TARGET_FORMS });

/** A staging target's text parsed into a {@link StagingTarget} (BACKUP_STAGING_TARGET). */
export const stagingTargetSchema = z.string().transform((text, ctx) => {
  const t = parseStagingTarget(text);
  if (t === undefined) ctx.addIssue({ code: 'custom', message: STAGING_TARGET_FORMS });
  return t ?? z.NEVER;
});

/**
 * The database a target names, relative to the production (source) database; undefined for `staging` when none is
 * configured. Pure: whether the result may be written (the source in disguise, the control database) is the caller's rule.
 */
export function targetDatabase(target: RestoreTarget, where: { source: DatabaseRef; staging?: StagingTarget }): DatabaseRef | undefined {
  switch (target.kind) {
    case 'production':
      return where.source;
    case 'staging':
      return where.staging === undefined ? undefined : targetDatabase(where.staging, { source: where.source });
    case 'database':
      return { projectId: where.source.projectId, databaseId: target.databaseId };
    case 'project':
      return { projectId: target.projectId, databaseId: target.databaseId };
  }
}
