import { redirect } from 'next/navigation';
import { BACKUP_PORTAL_BASE } from '@/config/backup-tabs';

/** `/portal/admin` has one console today; send visitors straight to it. */
export default function AdminIndexPage(): never {
  redirect(BACKUP_PORTAL_BASE);
}
