/** zod parsing at the HTTP boundary: failures become `invalid_argument` (422) naming every offending field path. */
import type { z } from 'zod';

import { ApiError } from './errors';

const MAX_ISSUES = 20;

export interface FieldIssue {
  path: string;
  message: string;
}

/** One `{ path, message }` per problem; an extra field is reported at its own path. */
export function fieldIssues(error: z.ZodError, where: string): FieldIssue[] {
  return error.issues.flatMap((i) => {
    const base = [where, ...i.path.map(String)];
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: [...base, k].join('.'), message: 'unknown field' }));
    return [{ path: base.join('.'), message: i.message }];
  }).slice(0, MAX_ISSUES);
}

/** Parses `value` or throws a 422 whose details list the issues. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: 'body' | 'query' | 'params'): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = fieldIssues(r.error, where);
  const first = issues[0];
  throw new ApiError('invalid_argument', `invalid ${where}${first ? `: ${first.path}: ${first.message}` : ''}`, { details: { issues } });
}
