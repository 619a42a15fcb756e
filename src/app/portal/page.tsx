import { redirect } from 'next/navigation';
import { BACKUP_PORTAL_BASE } from '@/config/backup-tabs';

/** `/portal` has one console today; send visitors straight to it. */
export default function PortalIndexPage(): never {
  redirect(BACKUP_PORTAL_BASE);
}
