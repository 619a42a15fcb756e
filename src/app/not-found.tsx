import Link from 'next/link';
import { FileQuestion } from 'lucide-react';
import { buttonClasses } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** 404 for any unknown path. */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-xl flex-col justify-center px-4">
      <EmptyState icon={<FileQuestion className="size-6" />} title="Page not found" description="There is nothing at this address.">
        <Link href="/" className={buttonClasses({ variant: 'secondary' })}>
          Back to the home page
        </Link>
      </EmptyState>
    </main>
  );
}
