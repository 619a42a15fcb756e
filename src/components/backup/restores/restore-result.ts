/** A restore job's `result` (the engine's RestoreResult) narrowed for display; the API sends it as an open record. */

export interface CollectionDiffView {
  collection: string;
  created: number;
  changed: number;
  deleted: number;
  unchanged: number;
  examples: { created: string[]; changed: string[]; deleted: string[] };
}

export interface RestoreResultView {
  backupId: string | null;
  target: string | null;
  mode: string | null;
  dryRun: boolean;
  diff: CollectionDiffView[];
  totals: { created: number; changed: number; deleted: number; unchanged: number };
  written: number | null;
  verified: boolean | null;
  problems: string[];
  safetyBackupId: string | null;
  durationMs: number | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const nn = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const s = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Narrows a restore result; undefined when the job has none yet. */
export function readRestoreResult(raw: Record<string, unknown> | null | undefined): RestoreResultView | undefined {
  if (!raw) return undefined;
  const diff = Object.entries(obj(raw.diff)).map(([collection, d]) => {
    const o = obj(d);
    const ex = obj(o.examples);
    return { collection, created: n(o.created), changed: n(o.changed), deleted: n(o.deleted), unchanged: n(o.unchanged), examples: { created: list(ex.created), changed: list(ex.changed), deleted: list(ex.deleted) } };
  });
  const t = obj(raw.totals);
  const verification = obj(raw.verification);
  return {
    backupId: s(raw.backupId),
    target: s(raw.target),
    mode: s(raw.mode),
    dryRun: raw.dryRun === true,
    diff: diff.sort((a, b) => a.collection.localeCompare(b.collection)),
    totals: { created: n(t.created), changed: n(t.changed), deleted: n(t.deleted), unchanged: n(t.unchanged) },
    written: nn(raw.written),
    verified: typeof raw.verified === 'boolean' ? raw.verified : null,
    problems: list(verification.problems),
    safetyBackupId: s(raw.safetyBackupId),
    durationMs: nn(raw.durationMs),
  };
}
