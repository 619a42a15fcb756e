import { Download, type LucideIcon } from 'lucide-react';
import Link from 'next/link';
import { ADMIN_NAV, type AdminNavIcon, type AdminNavItem } from '@/config/admin-nav';
import { cn } from '@/components/ui/cn';

const ICONS: Record<AdminNavIcon, LucideIcon> = { download: Download };

export interface AdminNavProps {
  items?: readonly AdminNavItem[];
  className?: string;
}

/** The admin navigation: one link per admin console (today only Backup & DR). */
export function AdminNav({ items = ADMIN_NAV, className }: AdminNavProps) {
  return (
    <nav aria-label="Administration" className={className}>
      <ul className="flex flex-col gap-1">
        {items.map((item) => {
          const Icon = ICONS[item.icon];
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                className={cn(
                  'group flex items-start gap-3 rounded-md px-3 py-2.5 text-sm transition-colors hover:bg-slate-100',
                  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600',
                )}
              >
                <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-slate-500 group-hover:text-slate-900" />
                <span className="flex flex-col">
                  <span className="font-medium text-slate-900">{item.title}</span>
                  <span className="text-slate-600">{item.description}</span>
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
