import { chromium, type Browser, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { ADMIN_PASSWORD } from './admin';

/**
 * Debian's Chromium, driven by Playwright. The flags keep it off the network it would otherwise
 * call at start (updates, sync, safe browsing): this machine is closed.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Collects the Content-Security-Policy violations Chromium reports on the console of the context's
 * pages ("Refused to execute inline script…", "Refused to load…"), so a suite can assert there were
 * none: a script or style the policy blocks is a feature that silently does not work.
 */
export function watchCsp(context: BrowserContext, into: string[]): BrowserContext {
  context.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      into.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
    }
  });
  return context;
}

/** Waits until every React island of the page has hydrated (Astro drops the `ssr` attribute). */
export async function hydrated(page: Page | Frame) {
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0);
}

/** Logs a staff user (made with test/support/admin.ts) into the admin panel, as they would. */
export async function logIntoAdmin(page: Page, cmsUrl: string, email: string) {
  await page.goto(`${cmsUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
  await page.locator('button[type="submit"]').click();
}
