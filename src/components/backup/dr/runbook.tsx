import { CircleCheck, CircleX } from 'lucide-react';

/** One line of the DR runbook. */
export interface RunbookItem {
  id: string;
  label: string;
  ok: boolean;
  hint: string;
}

/** The runbook as a checklist: each item passes or says what to do. */
export function Runbook({ items }: { items: readonly RunbookItem[] }) {
  return (
    <ul className="flex flex-col gap-2" data-testid="runbook">
      {items.map((item) => (
        <li key={item.id} className="flex items-start gap-2 text-sm" data-ok={item.ok}>
          {item.ok ? <CircleCheck aria-label="done" className="mt-0.5 size-4 shrink-0 text-emerald-600" /> : <CircleX aria-label="not done" className="mt-0.5 size-4 shrink-0 text-red-600" />}
          <span><span className="font-medium text-slate-900">{item.label}</span> <span className="text-slate-600">— {item.hint}</span></span>
        </li>
      ))}
    </ul>
  );
}
