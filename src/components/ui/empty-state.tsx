import type { ReactNode } from 'react';
import { cn } from './cn';

export interface EmptyStateProps {
  /** A decorative icon (hidden from assistive technology). */
  icon?: ReactNode;
  title: string;
  description?: ReactNode;
  /** Further detail or actions under the description. */
  children?: ReactNode;
  className?: string;
}

/** What a view shows when it has nothing to show: say why, and what will appear here. */
export function EmptyState({ icon, title, description, children, className }: EmptyStateProps) {
  return (
    <section
      className={cn('flex flex-col items-center rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center', className)}
    >
      {icon ? (
        <div aria-hidden="true" className="mb-4 flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-500">
          {icon}
        </div>
      ) : null}
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {description ? <p className="mt-2 max-w-xl text-sm text-slate-600">{description}</p> : null}
      {children ? <div className="mt-6 w-full max-w-xl">{children}</div> : null}
    </section>
  );
}
