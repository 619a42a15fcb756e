/** Roles of the Admin API and who holds them. */
export const API_ROLES = ['viewer', 'operator', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

const RANK: Readonly<Record<ApiRole, number>> = { viewer: 1, operator: 2, admin: 3 };

/** True when `held` is at least `required` (admin ⊇ operator ⊇ viewer). */
export function roleAllows(held: ApiRole, required: ApiRole): boolean {
  return RANK[held] >= RANK[required];
}

/**
 * The role from an account's custom claims, as read back from Firebase Auth (never from an unverified token body):
 * `admin: true` (what the seed app sets) wins, else `backupRole`; any other value means no role.
 */
export function roleFromClaims(claims: Record<string, unknown>): ApiRole | null {
  if (claims.admin === true) return 'admin';
  const role = claims.backupRole;
  return typeof role === 'string' && (API_ROLES as readonly string[]).includes(role) ? (role as ApiRole) : null;
}

/** Who is calling, after authentication. `role: null` is a valid account without any backup role (→ 403). */
export type Caller =
  | { kind: 'user'; uid: string; email?: string; role: ApiRole | null }
  | { kind: 'scheduler'; via: 'secret' | 'oidc'; email?: string; role: 'operator' };

/** A stable key per caller for rate limiting and logs. */
export function callerKey(caller: Caller): string {
  return caller.kind === 'user' ? `uid:${caller.uid}` : `scheduler:${caller.via}`;
}
