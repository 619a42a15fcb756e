import { CircleSlash, CloudOff, Loader2, Lock, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import type { ApiFailure, ApiFailureKind } from './api-client';

interface FailureLook {
  title: string;
  icon: ReactNode;
  tone: string;
}

const LOOK: Record<ApiFailureKind, FailureLook> = {
  unauthenticated: { title: 'Signed out', icon: <Lock className="size-4" />, tone: 'border-amber-200 bg-amber-50 text-amber-900' },
  forbidden: { title: 'Not allowed for your role', icon: <Lock className="size-4" />, tone: 'border-amber-200 bg-amber-50 text-amber-900' },
  'not-found': { title: 'Not found', icon: <CircleSlash className="size-4" />, tone: 'border-slate-200 bg-slate-50 text-slate-800' },
  'not-available': { title: 'Not available yet', icon: <CircleSlash className="size-4" />, tone: 'border-slate-200 bg-slate-50 text-slate-800' },
  invalid: { title: 'Check the input', icon: <TriangleAlert className="size-4" />, tone: 'border-amber-200 bg-amber-50 text-amber-900' },
  conflict: { title: 'Cannot do that now', icon: <TriangleAlert className="size-4" />, tone: 'border-amber-200 bg-amber-50 text-amber-900' },
  'rate-limited': { title: 'Too many requests', icon: <TriangleAlert className="size-4" />, tone: 'border-amber-200 bg-amber-50 text-amber-900' },
  server: { title: 'The server failed', icon: <TriangleAlert className="size-4" />, tone: 'border-red-200 bg-red-50 text-red-800' },
  unreachable: { title: 'API unreachable', icon: <CloudOff className="size-4" />, tone: 'border-red-200 bg-red-50 text-red-800' },
};

/** The one title each failure kind is shown with. */
export function failureTitle(kind: ApiFailureKind): string {
  return LOOK[kind].title;
}

/**
 * A failed call, explained in place. `not-available` says plainly that the server does not offer this yet (a 501),
 * which is a fact about the deployment, not an error the user caused.
 */
export function ApiErrorNotice({ error, onRetry, className }: { error: ApiFailure; onRetry?: () => void; className?: string }) {
  const look = LOOK[error.kind];
  return (
    <div role={error.kind === 'not-available' ? 'status' : 'alert'} data-failure={error.kind} className={cn('flex items-start gap-3 rounded-md border px-4 py-3 text-sm', look.tone, className)}>
      <span aria-hidden="true" className="mt-0.5">{look.icon}</span>
      <div className="min-w-0 flex-1">
        <p className="font-medium">{look.title}</p>
        <p className="mt-0.5 break-words opacity-90">
          {error.kind === 'not-available' ? `This server does not offer this yet (${error.message || error.code}).` : error.message}
        </p>
      </div>
      {onRetry && error.kind !== 'not-available' && error.kind !== 'forbidden' ? (
        <Button size="sm" variant="secondary" onClick={onRetry}>
          Retry
        </Button>
      ) : null}
    </div>
  );
}

/** A fixed-height loading placeholder (the content that replaces it has a similar height, so nothing jumps). */
export function LoadingBlock({ label = 'Loading…', className }: { label?: string; className?: string }) {
  return (
    <div role="status" aria-live="polite" className={cn('flex h-32 items-center justify-center gap-2 rounded-lg border border-slate-200 bg-white text-sm text-slate-500', className)}>
      <Loader2 aria-hidden="true" className="size-4 animate-spin" />
      {label}
    </div>
  );
}
