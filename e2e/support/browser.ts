/**
 * Headless Chromium for the browser tests: Debian's `chromium` driven by playwright-core (no browser download), plus
 * the portal-specific steps every scenario shares (sign in, screenshots).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { recordCspViolations } from './csp';
import type { E2eStack } from './stack-file';

/** Launches Debian's Chromium headless. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** A laptop-sized page (the tablet checks resize it) whose CSP violations are recorded (./csp.ts). */
export async function newPage(browser: Browser, stack: E2eStack): Promise<Page> {
  const context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1280, height: 900 } });
  await recordCspViolations(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** Opens the portal and signs in through the form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/portal/admin/backup');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('account-email').waitFor();
}

const SCREENSHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

/** Saves a full-page screenshot under test-results/screenshots/ (git-ignored). */
export async function screenshot(page: Page, name: string, path = join(SCREENSHOTS, `${name}.png`)): Promise<string> {
  mkdirSync(join(path, '..'), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}
