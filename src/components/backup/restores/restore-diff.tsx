import { formatCount } from '../presentation';
import type { RestoreResultView } from './restore-result';

/** The dry run's diff: created / changed / deleted per collection, with example document paths. */
export function RestoreDiff({ result }: { result: RestoreResultView }) {
  const { totals } = result;
  return (
    <div className="flex flex-col gap-3" data-testid="restore-diff">
      <p className="text-sm text-slate-700">
        {result.dryRun ? 'Dry run: nothing was written. ' : ''}
        <span className="font-medium text-emerald-700">{formatCount(totals.created)} created</span>, <span className="font-medium text-amber-700">{formatCount(totals.changed)} changed</span>, <span className="font-medium text-red-700">{formatCount(totals.deleted)} deleted</span>, {formatCount(totals.unchanged)} unchanged.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[560px] text-sm">
          <caption className="sr-only">Changes per collection</caption>
          <thead>
            <tr className="text-xs text-slate-500">
              <th className="py-1 pr-3 text-left font-medium">Collection</th>
              <th className="py-1 pr-3 text-right font-medium">Created</th>
              <th className="py-1 pr-3 text-right font-medium">Changed</th>
              <th className="py-1 pr-3 text-right font-medium">Deleted</th>
              <th className="py-1 pr-3 text-right font-medium">Unchanged</th>
              <th className="py-1 text-left font-medium">Examples</th>
            </tr>
          </thead>
          <tbody>
            {result.diff.map((d) => (
              <tr key={d.collection} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-3 font-mono text-xs">{d.collection}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{formatCount(d.created)}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{formatCount(d.changed)}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{formatCount(d.deleted)}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{formatCount(d.unchanged)}</td>
                <td className="py-1 font-mono text-[11px] text-slate-600">
                  {[...d.examples.created.map((p) => `+ ${p}`), ...d.examples.changed.map((p) => `~ ${p}`), ...d.examples.deleted.map((p) => `- ${p}`)].slice(0, 3).map((line) => <div key={line} className="truncate">{line}</div>)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
