import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, adminSession } from '../support/admin';
import { launchChromium } from '../support/browser';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * A relocation guide's morning in the real admin panel, in Debian's Chromium: log in, open the
 * queue, open the overdue contact, log the call, and see the deadline cleared.
 */
let cms: TestStrapi;
let browser: Browser;
let page: Page;
const DAY = 86_400_000;

beforeAll(async () => {
  cms = await startStrapi({ PUBLIC_URL: 'http://127.0.0.1' }, { serveAdminPanel: true });
  const guide = await adminSession(cms.strapi, cms.url, 'guide', 'greta.are@kommun.example', 'Greta');
  await cms.strapi.db
    .query('api::guide-assignment.guide-assignment')
    .create({ data: { user: guide.id, queue: 'are', receivesReminders: true, publishedAt: new Date() } });
  await cms.strapi.db.query('api::contact.contact').create({
    data: {
      firstName: 'Maja',
      lastName: 'Nilsson',
      email: 'maja.nilsson@example.se',
      phone: '+46 70 555 12 34',
      preferredChannel: 'phone',
      municipalities: ['are'],
      topics: ['job'],
      assignedMunicipality: 'are',
      moveStatus: 'new',
      source: 'portal',
      language: 'sv',
      firstResponseDueAt: new Date(Date.now() - DAY),
      contactConsentAt: new Date(),
      publishedAt: new Date(),
    },
  });
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe("guide's workspace in the admin", () => {
  it('logs in, opens the queue and the overdue contact, logs a call and sees the deadline cleared', async () => {
    await page.goto(`${cms.url}/admin/auth/login`);
    await page.locator('input[name="email"]').fill('greta.are@kommun.example');
    await page.locator('input[name="password"]').fill(ADMIN_PASSWORD);
    await page.locator('button[type="submit"]').click();

    // The admin speaks Swedish to staff by default.
    await page.getByRole('heading', { name: 'Hej Greta' }).waitFor({ timeout: 30_000 });
    await page.getByText('Välkommen till administrationspanelen').waitFor();
    await page.getByText('Senast ändrade poster').waitFor();

    // The start page widget shows the queue: one overdue contact, and a link to it.
    await page.getByText('Inom två arbetsdagar').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: 'Öppna kön' }).count()).toBe(1);

    await page.goto(`${cms.url}/admin/tasteget-register`);
    await page.getByRole('heading', { name: 'Försenade (1)' }).waitFor({ timeout: 30_000 });
    await expect(page.getByText('☎ Ring +46 70 555 12 34').isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Maja Nilsson' }).click();

    // The contact card: channel first, the deadline overdue, the dialog panel.
    await page.getByText('☎ Telefon: +46 70 555 12 34').waitFor({ timeout: 30_000 });
    await page.getByText(/^Försenad! Skulle ha besvarats/).waitFor();
    await page
      .getByLabel('Vad sades eller gjordes?')
      .fill('Ringde Maja. Hon söker jobb som undersköterska i Järpen.');
    await page.getByRole('button', { name: 'Logga aktivitet' }).click();
    await page.getByText(/^Besvarad /).waitFor({ timeout: 15_000 });
    await page.getByText('Ringde Maja. Hon söker jobb som undersköterska i Järpen.').waitFor();
    expect(await page.getByText(/^Försenad!/).count()).toBe(0);

    const contact = await cms.strapi.db
      .query('api::contact.contact')
      .findOne({ where: { email: 'maja.nilsson@example.se' } });
    expect(contact.firstRespondedAt).toBeTruthy();
    expect(contact.moveStatus).toBe('contacted');

    await page.goto(`${cms.url}/admin/tasteget-register`);
    await page.getByRole('heading', { name: 'Försenade (0)' }).waitFor({ timeout: 30_000 });
  });
});
