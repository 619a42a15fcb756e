/**
 * Building blocks of the request schemas: ids that are safe to put in a path or a storage key, collection patterns,
 * pagination. Every string has a maximum length so a request can never carry an unbounded payload into the engine.
 */
import { z } from 'zod';

/** Longest id the API accepts (backup ids, job ids, schedule ids, idempotency keys). */
export const MAX_ID_LENGTH = 128;

/**
 * An id that is safe as a path segment or storage key part: starts with a letter or digit, then letters, digits,
 * dot, dash, underscore; never `..` (so `../x` or `a..b` cannot climb out of a folder).
 */
export const safeId = z
  .string()
  .max(MAX_ID_LENGTH)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'letters, digits, dot, dash or underscore, starting with a letter or digit' })
  .refine((s) => !s.includes('..'), { error: 'must not contain ".."' });

/** Google Cloud project ids (https://cloud.google.com/resource-manager/docs/creating-managing-projects). */
export const projectIdSchema = z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { error: 'a Google Cloud project id' });

/** `(default)` or a named Firestore database id. */
export const databaseIdSchema = z.string().regex(/^(\(default\)|[a-z][a-z0-9-]{2,62})$/, { error: 'a Firestore database id: (default) or 4-63 lowercase letters, digits or hyphens' });

const COLLECTION_PATTERN = /^(\*|[^/*\s]+)(\/(\*|\*\*|[^/*\s]+))*$/;

/** A collection path pattern (`users`, `users/*\/events`, `logs/**`); `.` and `..` segments are refused. */
export const collectionPattern = z
  .string()
  .min(1)
  .max(1_500)
  .regex(COLLECTION_PATTERN, { error: 'a collection path pattern such as users, users/*/events or logs/**' })
  .refine((p) => !p.split('/').some((s) => s === '.' || s === '..'), { error: 'must not contain . or .. segments' });

/** A document or collection path to restore selectively (`users/u1`, `users/u1/events`). */
export const firestorePath = z
  .string()
  .min(1)
  .max(1_500)
  .regex(/^[^/\s][^\s]*$/, { error: 'a Firestore path such as users/u1 or users/u1/events' })
  .refine((p) => !p.split('/').some((s) => s === '' || s === '.' || s === '..'), { error: 'must not contain empty, . or .. segments' });

/** Up to 100 collection patterns. */
export const collectionList = z.array(collectionPattern).max(100);

/** Free text a person types (reasons, notes). */
export const reasonText = z.string().trim().min(3, { error: 'at least 3 characters' }).max(500);

export const PAGE_DEFAULT = 25;
export const PAGE_MAX = 100;

/** `?limit=&cursor=`: the cursor is opaque (returned as `nextCursor` by the previous page). */
export const paginationQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_DEFAULT),
    cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/, { error: 'a cursor returned by a previous page' }).optional(),
  })
  .strict();
export type PaginationQuery = z.output<typeof paginationQuery>;

/** A page of items and the cursor of the next page (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
