/**
 * Accounts of the local stack in the Auth emulator: an admin (the `admin: true` claim, as the seed's API expects) and
 * one account per `backupRole`, so every role can be tried from the portal and the API.
 */
import { getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';

export interface LocalAccount {
  email: string;
  password: string;
  claims: Record<string, unknown>;
}

/** The accounts `npm start` creates; the admin's email and password come from the local-stack config. */
export function localAccounts(admin: { email: string; password: string }): LocalAccount[] {
  const [, domain = 'backup.local'] = admin.email.split('@');
  return [
    { email: admin.email, password: admin.password, claims: { admin: true } },
    { email: `operator@${domain}`, password: admin.password, claims: { backupRole: 'operator' } },
    { email: `viewer@${domain}`, password: admin.password, claims: { backupRole: 'viewer' } },
    { email: `norole@${domain}`, password: admin.password, claims: {} },
  ];
}

function appFor(projectId: string): App {
  const name = `local-accounts-${projectId}`;
  return getApps().find((a) => a.name === name) ?? initializeApp({ projectId }, name);
}

/** Creates or updates the accounts (idempotent: a restart resets their passwords and claims to the configured ones). */
export async function ensureAccounts(projectId: string, accounts: LocalAccount[]): Promise<void> {
  const auth = getAuth(appFor(projectId));
  for (const account of accounts) {
    const uid = await auth
      .getUserByEmail(account.email)
      .then((u) => u.uid)
      .catch(async (err: unknown) => {
        if ((err as { code?: string }).code !== 'auth/user-not-found') throw err;
        return (await auth.createUser({ email: account.email, password: account.password, emailVerified: true })).uid;
      });
    await auth.updateUser(uid, { password: account.password });
    await auth.setCustomUserClaims(uid, account.claims);
  }
}

/** Signs in with email and password against the Auth emulator's REST API and returns the ID token. */
export async function signInWithPassword(authHost: string, email: string, password: string, apiKey = 'demo-api-key'): Promise<string> {
  const res = await fetch(`http://${authHost}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=${apiKey}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  const body = (await res.json()) as { idToken?: string; error?: { message?: string } };
  if (!res.ok || body.idToken === undefined) throw new Error(`sign-in as ${email} failed: ${body.error?.message ?? res.status}`);
  return body.idToken;
}
