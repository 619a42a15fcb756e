import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';

import { authEmulatorHost, authProjectId, uniqueEmail } from '../../test/emulator-env';

import { ensureAccounts, localAccounts, signInWithPassword } from './accounts';

const projectId = authProjectId();
const adminEmail = uniqueEmail('admin');
const domain = adminEmail.split('@')[1] ?? '';

it('creates the admin account whose ID token firebase-admin verifies with admin: true, idempotently', async () => {
  const accounts = localAccounts({ email: adminEmail, password: 'secret-pass' });
  await ensureAccounts(projectId, accounts);
  await ensureAccounts(projectId, accounts); // a restart must not fail on existing users
  const token = await signInWithPassword(authEmulatorHost(), adminEmail, 'secret-pass');
  const app = getApps().find((a) => a.name === 'verify') ?? initializeApp({ projectId }, 'verify');
  const decoded = await getAuth(app).verifyIdToken(token);
  expect(decoded.admin).toBe(true);
  expect(decoded.email).toBe(adminEmail);

  const viewer = await getAuth(app).verifyIdToken(await signInWithPassword(authEmulatorHost(), `viewer@${domain}`, 'secret-pass'));
  expect(viewer.backupRole).toBe('viewer');
  expect(viewer.admin).toBeUndefined();
});

it('rejects a wrong password', async () => {
  await expect(signInWithPassword(authEmulatorHost(), adminEmail, 'wrong-pass')).rejects.toThrow(/INVALID_PASSWORD|INVALID_LOGIN_CREDENTIALS/);
});
