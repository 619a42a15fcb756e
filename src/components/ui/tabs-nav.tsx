import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from './cn';

/** One entry of a TabsNav. */
export interface TabsNavItem {
  href: string;
  label: string;
  /**
   * A decorative icon shown before the label from the `lg` breakpoint up: below it the labels alone fit six tabs in a
   * 768px-wide tablet viewport without scrolling.
   */
  icon?: ReactNode;
  /** The tab of the current page; rendered with `aria-current="page"`. */
  current: boolean;
}

export interface TabsNavProps {
  items: readonly TabsNavItem[];
  /** Accessible name of the navigation landmark. */
  label: string;
  className?: string;
}

/**
 * Route tabs: a row of links, one per page, not an ARIA tablist — each tab is its own URL, so links (Tab to move,
 * Enter to follow) are the honest semantics. On narrow screens the row scrolls horizontally instead of wrapping.
 */
export function TabsNav({ items, label, className }: TabsNavProps) {
  return (
    <nav aria-label={label} className={cn('-mb-px overflow-x-auto', className)}>
      <ul className="flex min-w-max gap-1">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={item.current ? 'page' : undefined}
              className={cn(
                'inline-flex items-center gap-2 border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors',
                'rounded-t-md focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600',
                item.current
                  ? 'border-slate-900 text-slate-900'
                  : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
              )}
            >
              {item.icon ? <span aria-hidden="true" className="hidden lg:flex">{item.icon}</span> : null}
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
