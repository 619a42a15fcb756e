/** Shown inside the shell while a tab's server data loads, so the tab bar stays usable during slow reads. */
export default function BackupPortalLoading() {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-4">
      <div className="h-6 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full animate-pulse rounded bg-slate-200" />
      <div className="h-48 animate-pulse rounded-lg border border-slate-200 bg-white" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
