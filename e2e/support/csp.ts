/**
 * Collects every Content-Security-Policy violation the portal's pages report, through both of the browser's channels:
 * the `securitypolicyviolation` DOM event (recorded by an init script on every document, before the page's own
 * scripts) and Chromium's console message ("… violates the following Content Security Policy directive …"). The
 * browser tests fail on any.
 */
import type { BrowserContext, Page } from 'playwright-core';

const BINDING = '__e2eReportCspViolation';
const reported: string[] = [];

/** Starts recording the violations of every page of `context` and of `page`'s console. */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.exposeBinding(BINDING, (source, text: unknown) => {
    reported.push(`${source.page?.url() ?? '?'}: ${String(text)}`);
  });
  await context.addInitScript((binding: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as Record<string, (text: string) => void>)[binding];
      report?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || '?'}:${e.lineNumber} ${e.sample}`);
    });
  }, BINDING);
  context.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) reported.push(`console ${msg.type()}: ${msg.text()}`);
  });
}

/** The violations reported since the last call, across every recorded page; clears the list. */
export function takeCspViolations(): string[] {
  return reported.splice(0, reported.length);
}

/** Waits until the violations reported so far satisfy `done` (they reach Node asynchronously) or `timeoutMs` passes. */
export async function waitForCspViolations(page: Page, done: (reported: readonly string[]) => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done(reported) && Date.now() < until) await page.waitForTimeout(100);
}
