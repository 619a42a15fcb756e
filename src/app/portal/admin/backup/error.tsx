'use client';

import { TriangleAlert } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/**
 * Error boundary of the portal tabs: a failed server read shows this inside the shell (tabs stay usable) instead of
 * a blank page. Only the digest is shown: server error messages are not sent to the browser in production.
 */
export default function BackupPortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <EmptyState
      icon={<TriangleAlert className="size-6" />}
      title="This view could not be loaded"
      description={error.digest ? `Error reference: ${error.digest}` : 'An unexpected error occurred.'}
    >
      <Button variant="secondary" onClick={reset}>
        Try again
      </Button>
    </EmptyState>
  );
}
