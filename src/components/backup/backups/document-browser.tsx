'use client';

import { ChevronRight, FileText, Folder } from 'lucide-react';
import { useState } from 'react';
import type { BackupDocumentView, BrowsePage } from '@/lib/contracts/responses';
import { Button } from '@/components/ui/button';
import { ADMIN_API, withQuery } from '../api/api-client';
import { ApiErrorNotice, LoadingBlock } from '../api/api-status';
import { useApiQuery } from '../api/use-api';
import { formatCount } from '../presentation';
import { fieldRows } from './value-view';

function DocumentFields({ backupId, path }: { backupId: string; path: string }) {
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  const doc = useApiQuery<BackupDocumentView>(`${ADMIN_API}/backups/${encodeURIComponent(backupId)}/documents/${encoded}`);
  if (doc.loading) return <LoadingBlock label="Reading the document from the backup…" />;
  if (doc.error) return <ApiErrorNotice error={doc.error} />;
  if (!doc.data) return null;
  const rows = fieldRows(doc.data.fields);
  return (
    <div className="flex flex-col gap-2" data-testid="document-fields">
      <p className="font-mono text-xs break-all text-slate-700">{doc.data.name}</p>
      <table className="w-full text-sm">
        <caption className="sr-only">Fields of {doc.data.name}</caption>
        <thead><tr><th className="py-1 pr-3 text-left text-xs text-slate-500">Field</th><th className="py-1 pr-3 text-left text-xs text-slate-500">Type</th><th className="py-1 text-left text-xs text-slate-500">Value</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.path} className="border-t border-slate-100">
              <td className="py-1 pr-3 font-mono text-xs">{r.path}</td>
              <td className="py-1 pr-3 text-xs text-slate-500">{r.type}</td>
              <td className="py-1 font-mono text-xs break-all">{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Browses what a backup holds, read from the bucket through the API: collections → documents → typed fields. Any
 * failure, including a server without the browse routes (404), is shown as one.
 */
export function DocumentBrowser({ backupId }: { backupId: string }) {
  const [collection, setCollection] = useState<string | undefined>(undefined);
  const [after, setAfter] = useState<string[]>([]);
  const [doc, setDoc] = useState<string | undefined>(undefined);
  const base = `${ADMIN_API}/backups/${encodeURIComponent(backupId)}/documents`;
  const top = useApiQuery<BrowsePage>(base);
  const docs = useApiQuery<BrowsePage>(collection ? withQuery(base, { collection, pageSize: 25, after: after.at(-1) }) : null);
  if (top.loading) return <LoadingBlock label="Listing the backup's collections…" />;
  if (top.error) return <ApiErrorNotice error={top.error} />;
  const collections = (top.data?.collections ?? []).filter((c) => !c.collection.includes('*'));
  return (
    <div className="grid gap-4 md:grid-cols-[14rem_16rem_1fr]" data-testid="document-browser">
      <ul aria-label="Collections" className="flex flex-col gap-0.5">
        {collections.map((c) => (
          <li key={c.collection}>
            <button type="button" onClick={() => { setCollection(c.collection); setAfter([]); setDoc(undefined); }}
              aria-current={c.collection === collection ? 'true' : undefined}
              className="flex w-full items-center gap-2 rounded px-2 py-1 text-left text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 aria-[current]:bg-slate-100 aria-[current]:font-medium">
              <Folder aria-hidden="true" className="size-4 text-slate-500" />
              <span className="flex-1 truncate">{c.collection}</span>
              <span className="text-xs text-slate-500 tabular-nums">{formatCount(c.documents)}</span>
            </button>
          </li>
        ))}
        {collections.length === 0 ? <li className="text-sm text-slate-600">No collections in this backup.</li> : null}
      </ul>
      <div className="flex flex-col gap-1">
        {!collection ? <p className="text-sm text-slate-600">Choose a collection.</p> : docs.error ? <ApiErrorNotice error={docs.error} /> : (
          <>
            <ul aria-label={`Documents in ${collection}`} className="flex flex-col gap-0.5">
              {(docs.data?.documents ?? []).map((name) => (
                <li key={name}>
                  <button type="button" onClick={() => setDoc(name)} aria-current={name === doc ? 'true' : undefined}
                    className="flex w-full items-center gap-2 rounded px-2 py-1 text-left font-mono text-xs hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 aria-[current]:bg-slate-100">
                    <FileText aria-hidden="true" className="size-3.5 shrink-0 text-slate-500" />
                    <span className="truncate">{name.split('/').at(-1)}</span>
                    <ChevronRight aria-hidden="true" className="ml-auto size-3.5 text-slate-400" />
                  </button>
                </li>
              ))}
            </ul>
            <div className="flex gap-2 pt-2">
              <Button size="sm" variant="ghost" disabled={after.length === 0} onClick={() => setAfter((a) => a.slice(0, -1))}>Previous</Button>
              <Button size="sm" variant="ghost" disabled={!docs.data?.nextAfter} onClick={() => { const n = docs.data?.nextAfter; if (n) setAfter((a) => [...a, n]); }}>Next</Button>
            </div>
          </>
        )}
      </div>
      <div className="min-w-0">{doc ? <DocumentFields backupId={backupId} path={doc} /> : <p className="text-sm text-slate-600">Choose a document to see its fields.</p>}</div>
    </div>
  );
}
