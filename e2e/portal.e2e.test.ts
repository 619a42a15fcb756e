import type { Browser, Page } from 'playwright-core';

import { launchBrowser, newPage, screenshot, signIn } from './support/browser';
import { readStack, type E2eStack } from './support/stack-file';

let stack: E2eStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = readStack();
  browser = await launchBrowser();
  page = await newPage(browser, stack);
});

afterAll(async () => {
  await browser?.close();
});

it('signs in as the admin and shows the dashboard', async () => {
  await signIn(page, 'admin@backup.local', stack.password);
  await expectText(page, 'admin');
  await screenshot(page, 'smoke');
});

async function expectText(p: Page, text: string): Promise<void> {
  await p.getByText(text, { exact: true }).first().waitFor();
}
