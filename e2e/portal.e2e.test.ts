/**
 * The portal in a real browser against the built app, its own emulators and a `file://` bucket: the operator's path
 * from sign-in to a verified backup, a browsed document, a dry-run-then-real restore to staging, a legal hold set
 * and cleared, each step in the audit log; plus role limits, the production guard and the security headers. Every
 * scenario asserts its feature (an API failure notice fails it), and any CSP violation fails the test it happened in.
 */

import type { APIResponse, Browser, Locator, Page, Response } from 'playwright-core';

import { launchBrowser, newPage, screenshot, signIn } from './support/browser';
import { takeCspViolations, waitForCspViolations } from './support/csp';
import { readStack, type E2eStack } from './support/stack-file';

let stack: E2eStack;
let browser: Browser;
let page: Page;
let backupId = '';
/** Audit actions the admin scenario's steps record. */
const expectedAudit = ['backup.create', 'legal_hold.set', 'legal_hold.clear', 'restore.staging', 'restore.production'];

// Backups, restores and the first build of a page take longer than Jest's default 5 s.

beforeAll(async () => {
  stack = readStack();
  browser = await launchBrowser();
  page = await newPage(browser, stack);
});

afterEach(() => {
  expect(takeCspViolations()).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Waits for `feature`, or for an API failure notice in `scope` (whichever shows first), and fails with what the
 * notice says: a feature the server does not serve is a failed scenario, never a skipped one.
 */
async function shown(feature: Locator, scope: Page | Locator): Promise<Locator> {
  const first = feature.or(scope.locator('[data-failure]')).first();
  await first.waitFor();
  const failure = await first.getAttribute('data-failure');
  if (failure !== null) throw new Error(`expected the feature, the portal shows a ${failure} failure: ${await first.textContent()}`);
  return feature;
}

/** Waits until `locator` shows a finished job (verified, failed or cancelled) and returns its state. */
async function finalState(locator: Locator, timeoutMs = 150_000): Promise<string> {
  const badge = locator.locator('[data-state="succeeded"], [data-state="failed"], [data-state="cancelled"]').first();
  await badge.waitFor({ timeout: timeoutMs });
  return (await badge.getAttribute('data-state')) ?? '';
}

const tabLink = (p: Page, name: string) => p.getByRole('navigation', { name: 'Backup & DR sections' }).getByRole('link', { name, exact: true });

/** The nonce of a page's CSP, after checking that every `<script>` of its server HTML carries it. */
async function checkNoncedPage(res: Response | APIResponse | null): Promise<string> {
  expect(res?.status()).toBe(200);
  const csp = res?.headers()['content-security-policy'] ?? '';
  const nonce = /'nonce-([A-Za-z0-9+/]+=*)'/.exec(csp)?.[1] ?? '';
  expect(nonce).not.toBe('');
  const scripts = (await res!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`))).toEqual([]);
  return nonce;
}

describe('security headers', () => {
  it('serves the portal with a nonce CSP, nosniff, a referrer policy and no framework banner', async () => {
    const res = await page.goto('/portal/admin/backup');
    const nonce = await checkNoncedPage(res);
    const headers = res!.headers();
    const csp = Object.fromEntries(headers['content-security-policy']!.split(';').map((d) => { const [name = '', ...v] = d.trim().split(' '); return [name, v.join(' ')]; }));
    expect(csp).toMatchObject({
      'script-src': `'self' 'nonce-${nonce}' 'strict-dynamic'`,
      'style-src': `'self' 'nonce-${nonce}'`,
      // The browser signs in against the stack's Auth emulator, and may reach nothing else off-site.
      'connect-src': `'self' http://${stack.authHost}`,
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(headers['content-security-policy']).not.toMatch(/unsafe/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['x-powered-by']).toBeUndefined();
    // Plain http, no trusted proxy: no HSTS.
    expect(headers['strict-transport-security']).toBeUndefined();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('renders every page per request with a fresh nonce, ignores a forged X-Forwarded-Proto and locks API answers down', async () => {
    const first = await checkNoncedPage(await page.request.get('/'));
    const forged = await page.request.get('/', { headers: { 'x-forwarded-proto': 'https' } });
    expect(await checkNoncedPage(forged)).not.toBe(first);
    expect(forged.headers()['strict-transport-security']).toBeUndefined();
    const api = await page.request.get('/api/admin/backup/backups');
    expect(api.status()).toBe(401);
    expect(api.headers()).toMatchObject({ 'content-security-policy': "default-src 'none'; frame-ancestors 'none'", 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' });
    expect(api.headers()['x-powered-by']).toBeUndefined();
  });

  it('blocks injected markup\'s inline handler (an XSS) and reports it, so any violation in the other tests would show', async () => {
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src="/x-missing.png" onerror="document.body.dataset.injected = \'ran\'">');
    });
    const bothChannels = (list: readonly string[]) => list.some((v) => v.includes('script-src-attr blocked inline')) && list.some((v) => v.startsWith('console'));
    await waitForCspViolations(page, bothChannels);
    expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
    expect(bothChannels(takeCspViolations())).toBe(true);
  });
});

describe('admin', () => {
  it('signs in and sees the dashboard of the demo project', async () => {
    await signIn(page, 'admin@backup.local', stack.password);
    await page.getByText(`Health of ${stack.projectId}/(default)`).waitFor();
    expect(await page.getByTestId('account-role').textContent()).toBe('admin');
    // No backup yet: the dashboard says so instead of inventing numbers.
    expect(await page.getByTestId('last-success').textContent()).toBe('None yet');
    expect(await page.getByTestId('health-status').textContent()).toMatch(/Critical|Warning/);
  });

  it('creates a backup and watches it reach verified', async () => {
    await tabLink(page, 'Backups').click();
    await page.getByRole('button', { name: 'Create backup' }).click();
    await page.getByRole('button', { name: 'Start backup' }).click();
    const job = page.getByTestId('create-backup-job');
    await job.getByRole('progressbar').waitFor();
    expect(await finalState(job)).toBe('succeeded');
    const row = page.getByTestId('backups-table').locator('tr[data-backup-id]').first();
    await row.locator('[data-state="succeeded"]').waitFor();
    backupId = (await row.getAttribute('data-backup-id')) ?? '';
    expect(backupId).not.toBe('');
    await screenshot(page, 'backups');
  });

  it('shows the backup detail and browses a document in it', async () => {
    await page.goto(`/portal/admin/backup/backups/${backupId}`);
    const counts = page.getByTestId('collection-counts');
    await counts.waitFor();
    await shown(page.getByTestId('document-browser'), page);
    await page.getByRole('list', { name: 'Collections' }).getByRole('button').first().click();
    await page.getByRole('list', { name: /^Documents in / }).getByRole('button').first().click();
    const fields = page.getByTestId('document-fields');
    await fields.waitFor();
    expect(await fields.locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'backup-detail');
  });

  it('sets and clears a legal hold', async () => {
    const hold = page.getByTestId('legal-hold');
    await hold.getByLabel('Reason for the hold').fill('e2e litigation hold');
    await hold.getByRole('button', { name: 'Set legal hold' }).click();
    await shown(hold.getByText(/Held since/), hold);
    await hold.getByLabel('Reason for clearing').fill('e2e case closed');
    await hold.getByRole('button', { name: 'Clear legal hold' }).click();
    await hold.getByText(/No legal hold/).waitFor();
  });

  it('dry-runs a restore to staging, shows the diff, then runs it and shows the verified result', async () => {
    await tabLink(page, 'Restores').click();
    await page.getByRole('button', { name: '5. Dry run' }).click();
    const dry = await shown(page.getByTestId('dry-run-status'), page);
    expect(await finalState(dry)).toBe('succeeded');
    const diff = dry.getByTestId('restore-diff');
    // Staging is empty: every backed-up document would be created.
    expect(await diff.textContent()).toMatch(/Dry run: nothing was written\. [\d,]+ created/);
    await page.getByRole('button', { name: '6. Run restore' }).click();
    const real = page.getByTestId('restore-status');
    expect(await finalState(real)).toBe('succeeded');
    expect(await real.getByTestId('restore-result').textContent()).toMatch(/Target verified.*RTO/);
    await page.getByTestId('restore-history').waitFor();
    await screenshot(page, 'restores');
  });

  it('refuses a production restore with a wrong project id', async () => {
    await tabLink(page, 'Disaster Recovery').click();
    const prod = page.getByTestId('production-restore');
    await prod.getByLabel(/Type the production project id/).fill('not-the-project');
    await prod.getByText('This does not match the production project id').waitFor();
    await prod.getByRole('button', { name: 'Restore production' }).click();
    await prod.getByRole('alert').filter({ hasText: /project id/ }).first().waitFor();
    expect(await prod.getByTestId('production-restore-status').count()).toBe(0);
    await page.getByTestId('runbook').waitFor();
    await screenshot(page, 'dr');
  });

  it('shows schedules and retention', async () => {
    await tabLink(page, 'Schedules & Retention').click();
    await page.getByRole('heading', { name: 'Schedules & Retention' }).waitFor();
    await shown(page.getByTestId('cron-preview').first(), page);
    await shown(page.getByTestId('retention-preview'), page);
    await screenshot(page, 'schedules');
  });

  it('records each step in the audit log with an intact chain', async () => {
    await tabLink(page, 'Audit log').click();
    await page.getByTestId('audit-table').waitFor();
    const actions = await page.getByTestId('audit-table').locator('tr[data-action]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    for (const action of expectedAudit) expect(actions).toContain(action);
    await page.getByTestId('chain-status').waitFor();
    expect(await page.getByTestId('chain-status').textContent()).toMatch(/Chain intact/);
    await screenshot(page, 'audit');
  });

  it('shows the verified backup on the dashboard', async () => {
    await tabLink(page, 'Dashboard').click();
    await page.getByTestId('trend-chart').waitFor();
    expect(await page.getByTestId('last-success').textContent()).toMatch(/just now|min ago/);
    await screenshot(page, 'dashboard');
  });
});

describe('viewer', () => {
  it('sees no restore or DR actions', async () => {
    const viewer = await newPage(browser, stack);
    await signIn(viewer, 'viewer@backup.local', stack.password);
    const nav = viewer.getByRole('navigation', { name: 'Backup & DR sections' });
    await nav.getByRole('link', { name: 'Backups' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Restores' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Disaster Recovery' }).count()).toBe(0);
    await viewer.goto('/portal/admin/backup/dr');
    await viewer.getByText('Disaster Recovery needs the admin role').waitFor();
    await viewer.goto(`/portal/admin/backup/backups/${backupId}`);
    await viewer.getByTestId('collection-counts').waitFor();
    expect(await viewer.getByRole('button', { name: 'Verify now' }).count()).toBe(0);
    expect(await viewer.getByRole('button', { name: 'Set legal hold' }).count()).toBe(0);
    await viewer.context().close();
  });

  it('explains a missing role', async () => {
    const norole = await newPage(browser, stack);
    await signIn(norole, 'norole@backup.local', stack.password);
    await norole.getByText('Your account has no backup role').waitFor();
    await norole.getByRole('button', { name: 'Sign out' }).click();
    await norole.getByRole('button', { name: 'Sign in' }).waitFor();
    await norole.context().close();
  });
});
