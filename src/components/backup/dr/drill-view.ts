/** The newest drill report from `GET /drills`, narrowed for the DR tab (components may not import engine types). */
import type { RunbookItem } from './runbook';

export interface DrillView {
  id: string;
  at: string;
  ok: boolean;
  failedStep: string | null;
  rtoMs: number | null;
  staging: string | null;
  checklist: RunbookItem[];
  steps: { step: string; status: string; detail: string }[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const s = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The newest drill of a `GET /drills` answer; undefined when there is none. */
export function newestDrill(raw: unknown): DrillView | undefined {
  const items = obj(raw).items;
  const first = Array.isArray(items) ? obj(items[0]) : undefined;
  if (!first || Object.keys(first).length === 0) return undefined;
  const r = obj(first.report);
  const staging = obj(r.staging);
  const rto = obj(r.metrics).rtoMs;
  return {
    id: s(first.id),
    at: s(first.createdAt) || s(r.finishedAt),
    ok: r.ok === true,
    failedStep: typeof r.failedStep === 'string' ? r.failedStep : null,
    rtoMs: typeof rto === 'number' ? rto : null,
    staging: staging.projectId ? `${s(staging.projectId)}/${s(staging.databaseId)}` : null,
    checklist: (Array.isArray(r.checklist) ? r.checklist : []).map((c) => { const o = obj(c); return { id: s(o.id), label: s(o.label), ok: o.ok === true, hint: s(o.hint) }; }),
    steps: (Array.isArray(r.steps) ? r.steps : []).map((x) => { const o = obj(x); return { step: s(o.step), status: s(o.status), detail: s(o.detail) }; }),
  };
}
