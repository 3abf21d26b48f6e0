import { chromium, type Browser, type Frame, type Page } from '@playwright/test';

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

/** Waits until every React island of the page has hydrated (Astro drops the `ssr` attribute). */
export async function hydrated(page: Page | Frame) {
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0);
}
