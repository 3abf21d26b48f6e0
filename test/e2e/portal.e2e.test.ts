import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { firstResponseDeadline } from '@tasteget/shared';
import { axeViolations } from '../support/axe';
import { markupProblems } from '../support/markup';
import { hydrated, launchChromium, watchCsp } from '../support/browser';
import { startPortalStack, type PortalStack } from '../support/portal-stack';
import { intakeSettled, uniqueEmail } from '../support/portal';
import { ROOT } from '../support/paths';
import { adminSession } from '../support/admin';

/**
 * The portal's forms as visitors use them, in Debian's Chromium against the built portal and a
 * seeded CMS: registering (with the mouse, with the keyboard only, without JavaScript, and in the
 * form embedded on a municipal website), ordering the magazine, and subscribing, confirming and
 * unsubscribing through the links in the mail.
 */
/** The CMS takes a form sent within a second of loading for a bot (PORTAL_MIN_FILL_SECONDS). */
const MIN_FILL_MS = 1_000;
const humanPause = (page: Page) => page.waitForTimeout(MIN_FILL_MS + 100);

let stack: PortalStack;
let browser: Browser;

beforeAll(async () => {
  // A real minimum fill time, short enough for a test: the browser waits for it.
  stack = await startPortalStack(
    { PORTAL_MIN_FILL_SECONDS: String(MIN_FILL_MS / 1000) },
    {
      // An ambassador who gave neither topics nor languages (both optional).
      beforeBuild: async (cms) => {
        await cms.strapi.db
          .query('api::ambassador.ambassador')
          .updateMany({ where: { name: 'Gustav Ek' }, data: { topics: [], languages: [] } });
      },
    },
  );
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Every page a test opens runs under the portal's Content-Security-Policy without a violation. */
const cspViolations: string[] = [];
const newContext = async (options?: BrowserContextOptions) =>
  watchCsp(await browser.newContext(options), cspViolations);
afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

interface StoredContact {
  documentId: string;
  firstName: string;
  email: string;
  municipalities: string[];
  topics: string[];
  assignedMunicipality: string;
  source: string;
  sourceMunicipality: string | null;
  preferredChannel: string;
  phone: string | null;
  createdAt: string;
  firstResponseDueAt: string;
}

async function storedContact(email: string): Promise<StoredContact | null> {
  await intakeSettled(stack.cms.strapi);
  return (await stack.cms.strapi
    .documents('api::contact.contact')
    .findFirst({ filters: { email } } as never)) as unknown as StoredContact | null;
}

/** A page in a context of its own (axe needs one), closed with `page.context().close()`. */
async function newPage(): Promise<Page> {
  return (await newContext()).newPage();
}

async function openForm(path: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${stack.siteUrl}${path}`);
  await hydrated(page);
  await humanPause(page);
  return page;
}

describe('registration on the portal', () => {
  it('stores the household with its municipality and deadline, and mails the receipt', async () => {
    const email = uniqueEmail('e2e');
    const page = await openForm('/registrering');
    await page.getByLabel('Förnamn').fill('Astrid');
    await page.getByLabel('Efternamn').fill('Öberg');
    await page.getByRole('textbox', { name: /^E-post/ }).fill(email);
    await page.getByLabel('Åre').check();
    await page.getByLabel('Jobb').check();
    await page.getByLabel('Var bor du i dag?').fill('Malmö');
    await page.getByLabel(/Jag vill bli kontaktad av en flyttvägledare/).check();
    await page.getByRole('button', { name: 'Skicka' }).click();

    await page.getByRole('heading', { name: 'Tack för din registrering!' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('inom fem arbetsdagar');

    const contact = await storedContact(email);
    expect(contact).toMatchObject({
      firstName: 'Astrid',
      municipalities: ['are'],
      assignedMunicipality: 'are',
      source: 'portal',
    });
    expect(contact!.topics).toContain('job');
    expect(new Date(contact!.firstResponseDueAt).toISOString()).toBe(
      firstResponseDeadline(new Date(contact!.createdAt)).toISOString(),
    );

    const [receipt] = await stack.smtp.waitFor(1, (m) => m.envelopeTo.includes(email));
    expect(receipt.parsed.subject).toMatch(/registrering/i);
    expect(receipt.parsed.text).toContain('Astrid');
    await page.context().close();
  });

  it('says once what the CMS refused on a field: the summary names the form, its list the field', async () => {
    const page = await openForm('/registrering');
    await page.getByLabel('Förnamn').fill('Pia');
    await page.getByRole('textbox', { name: /^E-post/ }).fill(uniqueEmail('e2e-tel'));
    // Digits enough for the form, no Swedish number for the CMS.
    await page.getByRole('textbox', { name: /^Telefon/ }).fill('070-12 34');
    await page.getByLabel('Krokom').check();
    await page.getByLabel(/Jag vill bli kontaktad av en flyttvägledare/).check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Formuläret behöver rättas' });
    await summary.waitFor();
    expect(await summary.getByText(/^Ange ett telefonnummer/).count()).toBe(1);
    await page.context().close();
  });

  it('shows every problem inline and in a summary, then sends when they are fixed', async () => {
    const email = uniqueEmail('e2e-errors');
    const page = await openForm('/registrering');
    await page.getByRole('textbox', { name: /^E-post/ }).fill('inte-en-adress');
    await page.getByLabel('Telefon', { exact: true }).check(); // preferred channel without a number
    await page.getByRole('button', { name: 'Skicka' }).click();

    const summary = page.getByRole('alert').filter({ hasText: 'Formuläret behöver rättas' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    const summaryLinks = await summary.getByRole('link').allTextContents();
    expect(summaryLinks).toEqual(
      expect.arrayContaining([
        'Ange ditt förnamn.',
        'Ange en giltig e-postadress, till exempel namn@exempel.se.',
        expect.stringContaining('Ange ett telefonnummer'),
        'Du behöver godkänna att en flyttvägledare kontaktar dig.',
      ]),
    );
    const emailField = page.getByRole('textbox', { name: /E-post/ });
    expect(await emailField.getAttribute('aria-invalid')).toBe('true');
    expect(
      await page.locator(`#${await emailField.getAttribute('aria-describedby')}`).textContent(),
    ).toContain('Ange en giltig e-postadress');

    // The summary's link leads to the field.
    await summary.getByRole('link', { name: 'Ange ditt förnamn.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('registrering-firstName');

    await page.getByLabel('Förnamn').fill('Nils');
    await emailField.fill(email);
    await page.getByRole('textbox', { name: /^Telefon/ }).fill('070-123 45 67');
    await page.getByLabel(/Jag vill bli kontaktad av en flyttvägledare/).check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack för din registrering!' }).waitFor();

    const contact = await storedContact(email);
    expect(contact).toMatchObject({
      firstName: 'Nils',
      preferredChannel: 'phone',
      assignedMunicipality: 'region',
    });
    await page.context().close();
  });

  it('keeps what was typed when the network fails, and sends it when asked again', async () => {
    const email = uniqueEmail('e2e-offline');
    const page = await openForm('/en/register');
    await page.getByLabel('First name').fill('Maja');
    await page.getByRole('textbox', { name: /^E-mail/ }).fill(email);
    await page.getByLabel(/I want to be contacted by a relocation guide/).check();

    await page.route('**/api/registrations', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('The form could not be sent just now').waitFor();
    expect(await page.getByLabel('First name').inputValue()).toBe('Maja');
    expect(await page.getByRole('textbox', { name: /^E-mail/ }).inputValue()).toBe(email);
    expect(await storedContact(email)).toBeNull();

    await page.unroute('**/api/registrations');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('heading', { name: 'Thank you for registering!' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('within five business days');
    expect(await storedContact(email)).toMatchObject({ firstName: 'Maja' });
    await page.context().close();
  });

  it('solves the proof-of-work in Web Workers, so typing never waits for it', async () => {
    const page = await newPage();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${stack.siteUrl}/registrering`);
    await hydrated(page);
    await expect.poll(() => workers.length).toBeGreaterThan(0);
    expect(workers.every((url) => url.startsWith(`${stack.siteUrl}/_astro/pow-worker`))).toBe(true);
    // The solution found there is what the CMS accepts.
    await humanPause(page);
    const email = uniqueEmail('e2e-worker');
    await page.getByLabel('Förnamn').fill('Vera');
    await page.getByRole('textbox', { name: /^E-post/ }).fill(email);
    await page.getByLabel('Åre').check();
    await page.getByLabel(/Jag vill bli kontaktad av en flyttvägledare/).check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack för din registrering!' }).waitFor();
    expect((await storedContact(email))?.firstName).toBe('Vera');
    await page.context().close();
  });

  it('can be filled in and sent with the keyboard only', async () => {
    const email = uniqueEmail('e2e-keyboard');
    const page = await openForm('/registrering');
    await page.getByLabel('Förnamn').focus();
    await page.keyboard.type('Karin');
    await page.keyboard.press('Tab'); // last name
    await page.keyboard.press('Tab'); // e-mail
    await page.keyboard.type(email);
    // Tab to the consent checkbox and tick it with the space bar, then on to the button.
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name);
      if (label === 'consentToContact') break;
    }
    await page.keyboard.press('Space');
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.tagName === 'BUTTON')) break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Tack för din registrering!' }).waitFor();
    expect(await storedContact(email)).toMatchObject({ firstName: 'Karin' });
    await page.context().close();
  });

  it('sends the municipalities in the order they were ticked: the first is responsible', async () => {
    const email = uniqueEmail('e2e-order');
    const page = await openForm('/registrering');
    await page.getByLabel('Förnamn').fill('Elin');
    await page.getByRole('textbox', { name: /^E-post/ }).fill(email);
    // Shown in the order Berg, …, Krokom, …, Östersund; ticked Östersund, Krokom, Berg, then Krokom off.
    await page.getByLabel('Östersund').check();
    await page.getByLabel('Krokom').check();
    await page.getByLabel('Berg', { exact: true }).check();
    await page.getByLabel('Krokom').uncheck();
    await page.getByLabel(/Jag vill bli kontaktad av en flyttvägledare/).check();
    const request = page.waitForRequest(
      (r) => r.url().endsWith('/api/registrations') && r.method() === 'POST',
    );
    await page.getByRole('button', { name: 'Skicka' }).click();
    expect(((await request).postDataJSON() as { municipalities: string[] }).municipalities).toEqual([
      'ostersund',
      'berg',
    ]);
    await page.getByRole('heading', { name: 'Tack för din registrering!' }).waitFor();
    expect(await storedContact(email)).toMatchObject({
      municipalities: ['ostersund', 'berg'],
      assignedMunicipality: 'ostersund',
    });
    await page.context().close();
  });

  it('works without JavaScript: posts, asks to confirm, stores', async () => {
    const email = uniqueEmail('e2e-noscript');
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.siteUrl}/registrering`);
    await page.getByLabel('Förnamn').fill('Olle');
    await page.getByRole('textbox', { name: /^E-post/ }).fill(email);
    await page.getByLabel('Krokom').check();
    await page.getByLabel(/Jag vill bli kontaktad av en flyttvägledare/).check();
    await page.getByRole('button', { name: 'Skicka' }).click();

    await page.getByRole('heading', { name: 'Kontrollera och skicka' }).waitFor();
    expect(await storedContact(email)).toBeNull();
    // The address the answer goes to, to check, and the way back to mend it.
    expect(await page.locator('p', { hasText: email }).textContent()).toBe(`E-post: ${email}`);
    expect(await page.getByRole('link', { name: 'Öppna formuläret på nytt' }).getAttribute('href')).toMatch(
      /\/registrering\/?$/,
    );
    const confirmation = await page.locator('form').evaluate((form: HTMLFormElement) => ({
      action: form.action,
      fields: [...new FormData(form)].map(([name, value]): [string, string] => [name, String(value)]),
    }));
    await humanPause(page); // the minimum fill time counts from the confirm page
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack!' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('inom fem arbetsdagar');
    expect(await storedContact(email)).toMatchObject({ firstName: 'Olle', assignedMunicipality: 'krokom' });

    // Sending the same confirmation again (back button, reload) is refused.
    const again = await page.request.post(confirmation.action, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      data: new URLSearchParams(confirmation.fields).toString(),
    });
    expect(again.status()).toBe(400);
    expect(await again.text()).toContain('Formuläret har redan skickats');
    await context.close();
  });

  it('puts each consent text beside its box, on a phone too', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.siteUrl}/registrering`);
    const boxes = page.locator('.portal-form .checkbox');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    for (const wrapper of await boxes.all()) {
      const box = (await wrapper.locator('input[type="checkbox"]').boundingBox())!;
      const label = (await wrapper.locator('label').boundingBox())!;
      // To the right of the box, starting on its line.
      expect(label.x).toBeGreaterThanOrEqual(box.x + box.width);
      expect(label.y).toBeLessThan(box.y + box.height);
    }
    await page.context().close();
  });

  it('lists what to fix without JavaScript too', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.siteUrl}/registrering`);
    await page.getByRole('textbox', { name: /^E-post/ }).fill('fel');
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Formuläret behöver rättas' }).waitFor();
    const items = await page.getByRole('listitem').allTextContents();
    expect(items).toEqual(
      expect.arrayContaining(['Ange ditt förnamn.', expect.stringContaining('giltig e-postadress')]),
    );
    // The browser's Back, as the page says, finds what was typed still there.
    await page.getByText('Gå tillbaka med webbläsarens bakåtknapp för att rätta').waitFor();
    await page.goBack();
    expect(await page.getByRole('textbox', { name: /^E-post/ }).inputValue()).toBe('fel');
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Formuläret behöver rättas' }).waitFor();
    // The link opens the form, not the home page (the browser names only the portal's origin).
    await page.getByRole('link', { name: 'Öppna formuläret på nytt' }).click();
    expect(new URL(page.url()).pathname).toBe('/registrering/');
    await context.close();
  });
});

describe('the form embedded on a municipal website', () => {
  it('preselects the municipality, records the source and grows to its content', async () => {
    const email = uniqueEmail('e2e-embed');
    const page = await newPage();
    await page.goto(stack.municipalUrl);
    const frameElement = page.locator('iframe');
    await frameElement.waitFor();
    await hydrated((await (await frameElement.elementHandle())!.contentFrame())!);
    await humanPause(page);
    const form = page.frameLocator('iframe');
    await expect.poll(() => form.getByLabel('Åre').isChecked()).toBe(true);
    await expect.poll(async () => (await frameElement.boundingBox())!.height).toBeGreaterThan(1000);

    await form.getByLabel('Förnamn').fill('Per');
    await form.getByRole('textbox', { name: /^E-post/ }).fill(email);
    await form.getByLabel(/Jag vill bli kontaktad av en flyttvägledare/).check();
    await form.getByRole('button', { name: 'Skicka' }).click();
    await form.getByRole('heading', { name: 'Tack för din registrering!' }).waitFor();

    expect(await storedContact(email)).toMatchObject({
      municipalities: ['are'],
      assignedMunicipality: 'are',
      source: 'municipal-site',
      sourceMunicipality: 'are',
    });
    await page.context().close();
  });

  it('registers as the portal does when its page is opened on its own, the municipality still chosen', async () => {
    const email = uniqueEmail('e2e-embed-alone');
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/embed/registrering?kommun=are`);
    await hydrated(page);
    await humanPause(page);
    expect(await page.getByLabel('Åre').isChecked()).toBe(true);
    await page.getByLabel('Förnamn').fill('Alva');
    await page.getByRole('textbox', { name: /^E-post/ }).fill(email);
    await page.getByLabel(/Jag vill bli kontaktad av en flyttvägledare/).check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack för din registrering!' }).waitFor();
    expect(await storedContact(email)).toMatchObject({ municipalities: ['are'], source: 'portal' });
    await page.context().close();
  });

  it('shrinks to the thanks after sending and brings them into view, the preselected municipality first', async () => {
    const email = uniqueEmail('e2e-embed-thanks');
    const page = await (await newContext({ viewport: { width: 390, height: 800 } })).newPage();
    await page.goto(stack.municipalUrl);
    // The municipal page goes on below the form (its footer, more content).
    await page.evaluate(() => (document.body.style.paddingBottom = '3000px'));
    const frameElement = page.locator('iframe');
    await frameElement.waitFor();
    const frame = (await (await frameElement.elementHandle())!.contentFrame())!;
    await hydrated(frame);
    await humanPause(page);
    const form = page.frameLocator('iframe');
    await expect.poll(() => form.getByLabel('Åre').isChecked()).toBe(true);
    await form.getByLabel('Förnamn').fill('Lo');
    await form.getByRole('textbox', { name: /^E-post/ }).fill(email);
    await form.getByLabel('Östersund').check();
    await form.getByLabel(/Jag vill bli kontaktad av en flyttvägledare/).check();
    await form.getByRole('button', { name: 'Skicka' }).click();
    const thanks = form.getByRole('heading', { name: 'Tack för din registrering!' });
    await thanks.waitFor();

    // The iframe is as tall as what it shows now: no empty form-high space under the thanks.
    const contentHeight = () =>
      frame.evaluate(() => Math.ceil(document.querySelector('main')!.getBoundingClientRect().bottom));
    await expect
      .poll(async () => Math.abs((await frameElement.boundingBox())!.height - (await contentHeight())))
      .toBeLessThanOrEqual(24);
    expect((await frameElement.boundingBox())!.height).toBeLessThan(800);
    // The page has scrolled to the thanks.
    await expect
      .poll(async () => {
        const box = (await thanks.boundingBox())!;
        return box.y >= 0 && box.y + box.height <= 800;
      })
      .toBe(true);

    expect(await storedContact(email)).toMatchObject({
      municipalities: ['are', 'ostersund'],
      assignedMunicipality: 'are',
    });
    await page.context().close();
  });

  it('is in English where the municipal site asks for it', async () => {
    const email = uniqueEmail('e2e-embed-en');
    const page = await newPage();
    await page.goto(`${stack.municipalUrl}/en`);
    const frameElement = page.locator('iframe');
    await frameElement.waitFor();
    expect(await frameElement.getAttribute('title')).toBe('Register for relocation guidance – Ta Steget');
    await hydrated((await (await frameElement.elementHandle())!.contentFrame())!);
    await humanPause(page);
    const form = page.frameLocator('iframe');
    await form.getByRole('heading', { name: 'Register for relocation guidance' }).waitFor();
    await expect.poll(() => form.getByLabel('Åre').isChecked()).toBe(true);
    await form.getByLabel('First name').fill('Ian');
    await form.getByRole('textbox', { name: /^E-mail/ }).fill(email);
    await form.getByLabel(/I want to be contacted by a relocation guide/).check();
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('heading', { name: 'Thank you for registering!' }).waitFor();
    expect(await storedContact(email)).toMatchObject({
      source: 'municipal-site',
      sourceMunicipality: 'are',
      language: 'en',
    });
    await page.context().close();
  });

  it('takes the municipality by its name as written, says so in the console when it names none, and says who holds the data', async () => {
    const page = await newPage();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.goto(`${stack.municipalUrl}/?kommun=${encodeURIComponent('Åre')}`);
    const form = page.frameLocator('iframe');
    await expect.poll(() => form.getByLabel('Åre').isChecked()).toBe(true);
    // The form is the region's, not the municipality's: the visitor is told, with the privacy page.
    await form.getByText('Region Jämtland Härjedalen är personuppgiftsansvarig').waitFor();
    const privacy = form.getByRole('link', { name: /Integritet och personuppgifter/ });
    expect(await privacy.getAttribute('href')).toBe('/integritet/');
    expect(await privacy.getAttribute('target')).toBe('_blank');

    await page.goto(`${stack.municipalUrl}/?kommun=Krokomm`);
    await expect.poll(() => warnings.join('\n')).toContain('data-kommun="krokomm" names no municipality');
    expect(warnings.join('\n')).toContain('krokom, ragunda');
    expect(await form.getByRole('checkbox', { checked: true }).count()).toBe(0);
    await page.context().close();
  });

  it('cannot be framed by a website the region has not configured', async () => {
    const page = await newPage();
    await page.goto(stack.strangerUrl);
    const frame = await (await page.locator('iframe').elementHandle())!.contentFrame();
    // The portal forbids the frame (frame-ancestors): Chromium shows its error page instead.
    await expect.poll(() => frame!.url()).toMatch(/^chrome-error:/);
    expect(await frame!.locator('form').count()).toBe(0);
    // The refusal is the one thing the browser reports; no other policy was broken.
    expect(cspViolations.splice(0).filter((v) => !v.includes('frame-ancestors'))).toEqual([]);
    // The visitor gets the way to the form on the portal instead of an empty box.
    const link = page.getByRole('link', { name: /^Registrera dig för flyttvägledning på / });
    await link.waitFor({ timeout: 15_000 });
    expect(await page.getByText('Formuläret kunde inte visas här.').count()).toBe(1);
    expect(await page.locator('iframe').count()).toBe(0);
    expect(new URL((await link.getAttribute('href'))!).pathname).toBe('/registrering');
    await link.click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(page.url()).origin).toBe(stack.siteUrl);
    await page.context().close();
  });
});

describe('security headers', () => {
  const headersOf = async (path: string) => (await fetch(`${stack.siteUrl}${path}`)).headers;

  it.each(['/', '/registrering', '/en/', '/finns-inte/', '/nyhetsbrev/bekraftad'])(
    '%s may be framed by the admin preview only, and not sniffed or leak its address',
    async (path) => {
      const headers = await headersOf(path);
      expect(headers.get('content-security-policy')).toBe(`frame-ancestors ${stack.cms.url}`);
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('permissions-policy')).toMatch(/^camera=\(\), microphone=\(\), geolocation=\(\)/);
      // Not in production: a local portal is served over plain HTTP.
      expect(headers.get('strict-transport-security')).toBeNull();
    },
  );

  it('compresses text and caches only content-named assets for long', async () => {
    for (const encoding of ['br', 'gzip']) {
      const res = await fetch(`${stack.siteUrl}/registrering`, { headers: { 'Accept-Encoding': encoding } });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
      expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
      const html = await res.text();
      // The form's script, named by its content.
      const script = /"(\/_astro\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script, 'a hashed script').toBeTruthy();
      const asset = await fetch(`${stack.siteUrl}${script}`, {
        headers: { 'Accept-Encoding': encoding },
      });
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-encoding')).toBe(encoding);
    }
    const plain = await fetch(`${stack.siteUrl}/`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('lets the portal and the configured municipal websites frame the embedded form, and no one else', async () => {
    const headers = await headersOf('/embed/registrering?kommun=are');
    expect(headers.get('content-security-policy')).toBe(
      `frame-ancestors 'self' ${stack.municipalUrl} ${stack.cms.url}`,
    );
    expect(headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('newsletter', () => {
  it('subscribes to two newsletters, confirms both through one mail, leaves one and changes the rest in the preference centre', async () => {
    const email = uniqueEmail('e2e-news');
    const page = await openForm('/nyhetsbrev');
    await page.getByRole('textbox', { name: /^E-post/ }).fill(email);
    // The county newsletter is ticked already; the demo's local one is offered beside it.
    expect(await page.getByLabel(/^Ta Stegets nyhetsbrev/).isChecked()).toBe(true);
    // Not "optional": the question says what none ticked means.
    expect(await page.locator('legend', { hasText: 'Vilka nyhetsbrev vill du få?' }).textContent()).toBe(
      'Vilka nyhetsbrev vill du få? (avmarkerar du alla får du Ta Stegets nyhetsbrev)',
    );
    await page.getByLabel(/^Nyinflyttad i Östersund/).check();
    await page.getByLabel('Östersund', { exact: true }).check();
    await page.getByLabel(/Jag vill få nyhetsbrev från Ta Steget/).check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Kolla din e-post' }).waitFor();

    const [mail] = await stack.smtp.waitFor(1, (m) => m.envelopeTo.includes(email));
    expect(mail.parsed.subject).toBe(
      'Bekräfta din prenumeration: Ta Stegets nyhetsbrev, Nyinflyttad i Östersund',
    );
    const link = /https?:\/\/\S+\/api\/newsletter\/confirm\?token=[\w-]+/.exec(mail.parsed.text!)![0];
    await page.goto(link);
    await page.getByRole('button', { name: 'Bekräfta prenumerationen' }).click();
    await page.waitForURL((url) => url.pathname === '/nyhetsbrev/bekraftad');
    await page.getByRole('heading', { name: 'Tack, nu prenumererar du!' }).waitFor();
    // The portal's page offers the preference centre; the token that opens it has left the
    // address bar.
    const preferencesLink = page.getByRole('link', { name: /^Ändra vilka nyhetsbrev du får/ });
    await preferencesLink.waitFor();
    expect(await preferencesLink.getAttribute('href')).toMatch(
      /\/api\/newsletter\/preferences\?token=[\w-]+$/,
    );
    expect(new URL(page.url()).hash).toBe('');
    // The same page in English offers the same link.
    const swedishHref = await preferencesLink.getAttribute('href');
    await page.locator('header').getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/en/newsletter/confirmed/');
    const englishLink = page.getByRole('link', { name: /^Change which newsletters you get/ });
    await englishLink.waitFor();
    expect(await englishLink.getAttribute('href')).toBe(swedishHref);

    const subscriptions = async () =>
      (await stack.cms.strapi.db.query('api::newsletter-subscription.newsletter-subscription').findMany({
        where: { email },
        populate: { newsletter: { select: ['slug'] } },
      })) as {
        subscriptionStatus: string;
        unsubscribeToken: string;
        interests: string[];
        newsletter: { slug: string };
      }[];
    const statuses = async () =>
      Object.fromEntries((await subscriptions()).map((s) => [s.newsletter.slug, s.subscriptionStatus]));
    expect(await statuses()).toEqual({ 'ta-steget': 'confirmed', 'nyinflyttad-ostersund': 'confirmed' });

    // The local newsletter's unsubscribe link: leave just that one.
    const local = (await subscriptions()).find((s) => s.newsletter.slug === 'nyinflyttad-ostersund')!;
    await page.goto(`${stack.cms.url}/api/newsletter/unsubscribe?token=${local.unsubscribeToken}`);
    await page.getByText('Tryck på knappen för att sluta få Nyinflyttad i Östersund.').waitFor();
    await page.getByRole('button', { name: 'Avregistrera mig' }).click();
    await page.waitForURL((url) => url.pathname === '/nyhetsbrev/avslutad');
    await page.getByRole('heading', { name: 'Du är avregistrerad' }).waitFor();
    // It names the newsletter that was left, and nothing of the fragment stays in the address.
    await page.getByText('Du får inte längre Nyinflyttad i Östersund.', { exact: false }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await statuses()).toEqual({ 'ta-steget': 'confirmed', 'nyinflyttad-ostersund': 'unsubscribed' });

    // The page leads on to the preference centre, a plain form: new topics, in English.
    await page.getByRole('link', { name: /^Ändra vilka nyhetsbrev du får/ }).click();
    await page.getByRole('heading', { name: 'Dina nyhetsbrev' }).waitFor();
    expect(await page.getByLabel(/^Ta Stegets nyhetsbrev/).isChecked()).toBe(true);
    await page.getByLabel('Boende').check();
    await page.getByLabel('Engelska').check();
    await page.getByRole('button', { name: 'Spara' }).click();
    await page.getByText('Your choices are saved.').waitFor();
    const county = (await subscriptions()).find((s) => s.newsletter.slug === 'ta-steget')!;
    expect(county).toMatchObject({ subscriptionStatus: 'confirmed', interests: ['housing'] });
    await page.context().close();
  });
});

describe('a form filled in at once', () => {
  it('is sent once the minimum fill time has passed, not refused as too fast', async () => {
    const email = uniqueEmail('e2e-snabb');
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/nyhetsbrev`);
    await hydrated(page);
    // As a browser's autofill does: well within the minimum fill time of the challenge.
    await page.getByRole('textbox', { name: /^E-post/ }).fill(email);
    await page.getByLabel(/Jag vill få nyhetsbrev från Ta Steget/).check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Kolla din e-post' }).waitFor();
    expect(await page.getByText(/för snabbt/).count()).toBe(0);
    await stack.smtp.waitFor(1, (m) => m.envelopeTo.includes(email));
    await page.context().close();
  });
});

describe('event sign-up', () => {
  it('signs up from the event page and gets the event as a calendar file', async () => {
    const email = uniqueEmail('e2e-traff');
    const page = await openForm('/evenemang/inflyttartraff-stromsund/');
    await page.getByRole('heading', { name: 'Anmäl dig' }).waitFor();
    // A reader abroad learns whose clock the time is on.
    expect(await page.locator('main time').first().textContent()).toMatch(/ kl\. \d\d:\d\d \(svensk tid\)$/);
    // The places left as the CMS counts them now, not as when the page was built.
    const placesLeft = page.getByRole('status').filter({ hasText: /platser kvar/ });
    await placesLeft.waitFor();
    const before = Number(/^(\d+) platser kvar\.$/.exec((await placesLeft.textContent())!)![1]);
    expect(before).toBeGreaterThan(3);
    await page.getByLabel('Namn').fill('Karin Holm');
    await page.getByRole('textbox', { name: /^E-post/ }).fill(email);
    await page.getByLabel('Hur många kommer?').fill('3');
    await page.getByLabel(/Jag godkänner att Ta Steget sparar min anmälan/).check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack för din anmälan!' }).waitFor();
    const [mail] = await stack.smtp.waitFor(1, (m) => m.envelopeTo.includes(email));
    expect(mail.parsed.subject).toBe('Du är anmäld: Inflyttarträff i Strömsund');
    expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(['evenemang.ics']);
    const row = (await stack.cms.strapi.db
      .query('api::event-registration.event-registration')
      .findOne({ where: { email } })) as { participants: number; registrationStatus: string };
    expect(row).toMatchObject({ participants: 3, registrationStatus: 'confirmed' });
    // The places the sign-up took are counted at once, and on the next visit.
    await expect.poll(() => placesLeft.textContent()).toBe(`${before - 3} platser kvar.`);
    await page.reload();
    await expect.poll(() => placesLeft.textContent()).toBe(`${before - 3} platser kvar.`);
    await page.context().close();
  });
});

describe('event times', () => {
  it.each([
    ['/evenemang/inflyttartraff-stromsund/', / kl\. \d\d:\d\d \(svensk tid\)$/],
    ['/en/events/inflyttartraff-stromsund/', / at \d\d:\d\d Swedish time \(GMT\+[12]\)$/],
    ['/evenemang/', / kl\. \d\d:\d\d \(svensk tid\)$/],
  ])('%s says whose clock a time is on', async (path, expected) => {
    const html = await (await fetch(`${stack.siteUrl}${path}`)).text();
    const times = [...html.matchAll(/<time datetime="[^"]*T[^"]*"[^>]*>([^<]+)<\/time>/g)].map((m) => m[1]!);
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) expect(time).toMatch(expected);
  });
});

describe('browsing the portal', () => {
  it('refuses a script injected into a page (Content-Security-Policy)', async () => {
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/`);
    const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(policy).toContain("default-src 'self'");
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[^']+')+/);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
    });
    await expect.poll(() => cspViolations.length).toBe(1);
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    expect(cspViolations.splice(0)[0]).toContain("script-src 'self'");
    await page.context().close();
  });

  it('goes from the home page to a story and on to its municipality, in both languages', async () => {
    const page = await newPage();
    await page.goto(stack.siteUrl);
    // The home page: the stories editors featured come first, then the upcoming events.
    const homeStories = await page.locator('.stories > li h3').allTextContents();
    expect(homeStories).toHaveLength(6);
    expect(homeStories.slice(0, 4).sort()).toEqual(
      [
        'Familjen van Dijk bytte Utrecht mot Klövsjö',
        'Oskar kom för en säsong – och stannade i Funäsdalen',
        'Tove kör hundspann i Frostviken – och har hittat hem',
        'Efter femton år i Stockholm och London flyttade Johanna hem till Brunflo',
      ].sort(),
    );
    await page.getByRole('heading', { level: 2, name: 'Kommande evenemang' }).waitFor();
    expect(await page.locator('.events > li').count()).toBe(3);
    // Each upcoming event links to its page.
    const eventLinks = await page
      .locator('.events > li a')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(eventLinks).toHaveLength(3);
    for (const href of eventLinks) expect((await fetch(`${stack.siteUrl}${href}`)).status, href).toBe(200);
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Berättelser' })
      .click();
    await page.getByRole('link', { name: 'Familjen van Dijk bytte Utrecht mot Klövsjö' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Familjen van Dijk bytte Utrecht mot Klövsjö' })
      .waitFor();
    expect(await page.getByText('Gästhusvärd och företagare').count()).toBeGreaterThan(0);
    // The call to register reads as a sentence and its link, with a space between.
    expect(await page.locator('p.cta').textContent()).toMatch(/arbetsdagar\. Registrera dig$/);
    // The person in the story's English version is described in English.
    const english = await newPage();
    await english.goto(`${stack.siteUrl}/en/stories/familjen-van-dijk-bytte-utrecht-mot-klovsjo/`);
    await english
      .getByText(/Guesthouse host and business owner/)
      .first()
      .waitFor();
    expect(await english.getByText(/Gästhusvärd/).count()).toBe(0);
    await english.context().close();
    await page.getByRole('link', { name: 'Berg', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Berg' }).waitFor();
    expect(await page.getByText('Din flyttvägledare').count()).toBe(1);

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${stack.siteUrl}/en/municipalities/berg/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('link[hreflang="sv"]').getAttribute('href')).toBe(
      `${stack.siteUrl}/kommuner/berg/`,
    );
    // The English page in English: its links' labels, and the Media Library's Swedish alt text
    // marked as Swedish for screen readers.
    await page.getByRole('link', { name: 'Homes and plots available in Berg' }).waitFor();
    expect(await page.getByText('Lediga bostäder och tomter i Berg').count()).toBe(0);
    // The relocation guide is the same person, with the title in English.
    expect(await page.locator('.guide').textContent()).toContain('Karin Olofsson, Relocation guide');
    expect(await page.locator('.guide').textContent()).not.toContain('Flyttvägledare');
    const hero = page.locator('main img[alt]:not([alt=""])').first();
    expect(await hero.getAttribute('lang')).toBe('sv');
    await page.context().close();
  });

  it('filters the stories by theme with plain links, without JavaScript, in both languages', async () => {
    const context = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${stack.siteUrl}/berattelser/`);
    const all = await page.locator('.stories > li').count();
    const themes = page.getByRole('navigation', { name: 'Välj tema' });
    const link = themes.getByRole('link', { name: /^Studier \(\d+\)$/ });
    const count = Number(/\((\d+)\)/.exec((await link.textContent())!)![1]);
    await link.click();
    await page.waitForURL(`${stack.siteUrl}/berattelser/tema/students/`);
    await page.getByRole('heading', { level: 1, name: 'Tema: Studier' }).waitFor();
    const titles = await page.locator('.stories > li h2').allTextContents();
    expect(titles).toHaveLength(count);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(all);
    expect(titles).toContain('Klara valde att plugga i Östersund – för skidspåren och studentlivet');
    expect(titles).not.toContain('Familjen van Dijk bytte Utrecht mot Klövsjö');
    expect(
      await page
        .getByRole('navigation', { name: 'Välj tema' })
        .getByRole('link', { name: /^Studier/ })
        .getAttribute('aria-current'),
    ).toBe('page');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${stack.siteUrl}/en/stories/theme/students/`);
    await page.getByRole('heading', { level: 1, name: 'Theme: Studies' }).waitFor();
    await page.getByRole('link', { name: 'All stories' }).click();
    await page.waitForURL(`${stack.siteUrl}/en/stories/`);
    await page
      .getByRole('navigation', { name: 'Choose a theme' })
      .getByRole('link', { name: /^Family/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Theme: Family' }).waitFor();
    expect(await page.locator('.stories > li h2').allTextContents()).toContain(
      'The van Dijk family swapped Utrecht for Klövsjö',
    );
    await context.close();

    const sitemap = await (await fetch(`${stack.siteUrl}/sitemap-0.xml`)).text();
    expect(sitemap).toContain(`${stack.siteUrl}/berattelser/tema/students/`);
    expect(sitemap).toContain(`${stack.siteUrl}/en/stories/theme/family/`);
  });

  it('filters the ambassadors by municipality, topic and language', async () => {
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/ambassadorer/`);
    const people = page.locator('.people > li');
    const all = await people.count();
    expect(all).toBeGreaterThan(3);
    // Each with the portrait the Media Library holds, loaded and described.
    const portraits = page.locator('.people > li img');
    expect(await portraits.count()).toBe(all);
    const unseen = await portraits.evaluateAll(
      (images) =>
        images.filter((i) => !(i as HTMLImageElement).alt || (i as HTMLImageElement).naturalWidth === 0)
          .length,
    );
    expect(unseen).toBe(0);
    await page.getByLabel('Kommun').selectOption('are');
    const inAre = await page.locator('.people > li:visible').count();
    expect(inAre).toBeGreaterThan(0);
    expect(inAre).toBeLessThan(all);
    for (const text of await page.locator('.people > li:visible .meta').first().allTextContents())
      expect(text).toContain('Åre');
    await page.getByLabel('Kommun').selectOption('');
    await page.getByLabel('Språk').selectOption('de');
    expect(await page.locator('.people > li:visible').count()).toBeLessThan(all);
    expect(await page.getByRole('status').textContent()).toMatch(/^\d+ \/ \d+$/);
    // A card says only what its person gave: no empty "Ämne: ." line.
    // (Filtered out of view above: found by its text, not its role.)
    const gustav = page.locator('.people > li', { has: page.locator('h2', { hasText: 'Gustav Ek' }) });
    expect(await gustav.count()).toBe(1);
    expect(await gustav.textContent()).not.toMatch(/Ämne|Språk/);
    expect(await page.locator('.people').textContent()).not.toMatch(/(Ämne|Språk):\s*\./);
    // Nobody's private e-mail or phone is on the page: the guide of their municipality connects.
    expect(await page.locator('.people').innerHTML()).not.toMatch(/@|\+46/);
    const ask = page
      .locator('.people > li:visible')
      .first()
      .getByRole('link', { name: /^Prata med / });
    expect(await ask.getAttribute('href')).toMatch(/^\/registrering\/\?kommun=[a-z]+&ambassador=[^&]+$/);
    // The form asks for that ambassador by name, with their municipality ticked.
    const name = (await ask.textContent())!.trim().replace(/^Prata med /, '');
    const kommun = new URL((await ask.getAttribute('href'))!, stack.siteUrl).searchParams.get('kommun');
    await ask.click();
    const message = page.getByLabel('Meddelande till flyttvägledaren');
    await expect.poll(() => message.inputValue()).toBe(`Jag vill gärna prata med ambassadören ${name}.`);
    expect(await page.locator(`input[name="municipalities"][value="${kommun}"]`).isChecked()).toBe(true);
    await page.context().close();
  });

  it("lists a municipality's own stories, events, ambassadors and coworking spaces on its page", async () => {
    const names = async (collection: string, field: string) => {
      const res = await fetch(
        `${stack.cms.url}/api/${collection}?locale=sv&filters[kommun][slug][$eq]=are&fields[0]=${field}&pagination[pageSize]=100`,
      );
      return ((await res.json()) as { data: Record<string, string>[] }).data.map((d) => d[field]).sort();
    };
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/kommuner/are/`);
    const listed = async (name: string) =>
      (await page.locator(`[data-list="${name}"] h3`).allTextContents()).map((t) => t.trim()).sort();
    const ambassadors = await names('ambassadors', 'name');
    expect(ambassadors.length).toBeGreaterThan(0);
    expect(await listed('ambassadors')).toEqual(ambassadors);
    const spaces = await names('coworking-spaces', 'name');
    expect(spaces.length).toBeGreaterThan(0);
    expect(await listed('coworking')).toEqual(spaces);
    const stories = await names('stories', 'title');
    const shown = (await page.locator('.stories h3').allTextContents()).map((t) => t.trim());
    expect(shown.length).toBe(Math.min(6, stories.length));
    for (const title of shown) expect(stories).toContain(title);
    await page.getByRole('heading', { level: 2, name: 'Kommande evenemang' }).waitFor();
    expect(await page.getByText('Din flyttvägledare').count()).toBe(1);
    // Its call to register ticks the municipality, so that its own guide answers.
    await page.locator('p', { hasText: 'Funderar du på att flytta hit?' }).getByRole('link').click();
    await page.waitForURL(/\/registrering\/\?kommun=are$/);
    await expect.poll(() => page.getByLabel('Åre', { exact: true }).isChecked()).toBe(true);
    await page.goBack();
    // The cards lead to the person and the place in their directories.
    await page.locator('[data-list="ambassadors"] a').first().click();
    await page.waitForURL(/\/ambassadorer\/#[a-z0-9-]+$/);
    await page.context().close();
  });

  it('filters the coworking spaces by municipality and by what is on site', async () => {
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/coworking/`);
    const visible = page.locator('.spaces > li:visible');
    const all = await page.locator('.spaces > li').count();
    expect(all).toBeGreaterThanOrEqual(10);
    await page.getByLabel('Kommun').selectOption('ostersund');
    const inOstersund = await visible.count();
    expect(inOstersund).toBeGreaterThan(0);
    expect(inOstersund).toBeLessThan(all);
    for (const text of await visible.locator('.meta').first().allTextContents())
      expect(text).toContain('Östersund');
    await page.getByLabel('Kommun').selectOption('');
    await page.getByLabel('Finns på plats').selectOption('access-24h');
    const allHours = await visible.count();
    expect(allHours).toBeGreaterThan(0);
    expect(allHours).toBeLessThan(all);
    for (const item of await visible.all())
      expect(await item.textContent()).toContain('Tillgång dygnet runt');
    expect(await page.getByRole('status').textContent()).toBe(`${allHours} / ${all}`);
    // Every space has a marker on the map, and no marker covers another one.
    const markers = await page
      .locator('svg.county-map a')
      .evaluateAll((links) =>
        links.map((link) => (link as SVGAElement).querySelector('circle')!.getBoundingClientRect()),
      );
    expect(markers).toHaveLength(all);
    for (const [i, a] of markers.entries())
      for (const b of markers.slice(i + 1))
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.width * 0.99);
    await page.context().close();
    // Without JavaScript: every space, and no controls that would do nothing.
    const context = await newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${stack.siteUrl}/coworking/`);
    expect(await plain.locator('.spaces > li:visible').count()).toBe(all);
    expect(await plain.getByLabel('Finns på plats').isVisible()).toBe(false);
    await context.close();
  });

  it('serves RSS feeds of news and stories in both languages', async () => {
    for (const path of [
      '/nyheter/rss.xml',
      '/en/news/rss.xml',
      '/berattelser/rss.xml',
      '/en/stories/rss.xml',
    ]) {
      const res = await fetch(`${stack.siteUrl}${path}`);
      expect(res.status, path).toBe(200);
      const xml = await res.text();
      expect(xml, path).toMatch(/^<\?xml/);
      expect((xml.match(/<item>/g) ?? []).length, path).toBeGreaterThan(2);
      // The channel links to its list page, in its language.
      const channelLink = /<channel>.*?<link>([^<]+)<\/link>/s.exec(xml)?.[1] ?? '';
      expect(new URL(channelLink).pathname, path).toBe(path.replace(/rss\.xml$/, ''));
    }
  });

  it("shows the CMS's accessibility statement in DIGG's structure, in both languages", async () => {
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/tillganglighet/`);
    await page
      .getByRole('heading', { level: 1, name: 'Tillgänglighetsredogörelse för tasteget.nu' })
      .waitFor();
    await page.getByText(/Webbplatsen är delvis förenlig med lagen om tillgänglighet/).waitFor();
    await page.getByRole('heading', { name: 'Bristande förenlighet med lagkraven' }).waitFor();
    await page.getByText(/WCAG 1\.2\.5 Syntolkning/).waitFor();
    expect(
      await page
        .getByRole('link', { name: 'anmäla bristande tillgänglighet till DIGG' })
        .getAttribute('href'),
    ).toBe('https://www.digg.se/tdosanmalan');
    await page
      .getByText(/Redogörelsen upprättades 20 november 2026 och granskades senast 1 december 2026/)
      .waitFor();
    await page.goto(`${stack.siteUrl}/en/accessibility/`);
    await page.getByRole('heading', { level: 1, name: 'Accessibility statement for tasteget.nu' }).waitFor();
    await page.getByText(/partially compliant/).waitFor();
    await page.context().close();
  });

  it('answers an unknown address with the 404 page', async () => {
    const res = await fetch(`${stack.siteUrl}/finns-inte/`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Sidan finns inte');
    // Under /en/, the page is in English first.
    const english = await fetch(`${stack.siteUrl}/en/does-not-exist/`);
    expect(english.status).toBe(404);
    const html = await english.text();
    expect(html).toContain('<html lang="en"');
    expect(html.indexOf('Page not found')).toBeLessThan(html.indexOf('Sidan finns inte'));
  });

  it('finds a seeded story with the search, filtered by municipality', async () => {
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/sok/`);
    // The box has a label of its own, not only a placeholder.
    await page.getByRole('textbox', { name: 'Sök på portalen' }).fill('Klövsjö');
    const result = page.getByRole('link', { name: /Familjen van Dijk bytte Utrecht mot Klövsjö/ }).first();
    await result.waitFor();
    // A screen reader hears how many results there are, once typing pauses.
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Klövsjö gav \d+ träff/);
    // Narrowed to the story's municipality, it is still there; narrowed to another, it is gone.
    await page.locator('summary', { hasText: 'Kommun' }).click();
    await page.getByRole('checkbox', { name: /^Berg/ }).check();
    await result.waitFor();
    await page.getByRole('checkbox', { name: /^Berg/ }).uncheck();
    await page.getByRole('checkbox', { name: /^Åre/ }).check();
    await result.waitFor({ state: 'detached' });
    // In English, the filter is named in English.
    await page.goto(`${stack.siteUrl}/en/search/`);
    await page.getByRole('textbox', { name: 'Search the portal' }).fill('Klövsjö');
    await page
      .getByRole('link', { name: /van Dijk/ })
      .first()
      .waitFor();
    expect(await page.locator('summary', { hasText: 'Municipality' }).count()).toBe(1);
    expect(await page.locator('summary', { hasText: 'Kommun' }).count()).toBe(0);

    // The home page is one result, not a second one for its heading.
    await page.goto(`${stack.siteUrl}/sok/`);
    await page.getByRole('textbox', { name: 'Sök på portalen' }).fill('Ta Steget');
    await page.locator('.pagefind-ui__result-link[href="/"]').waitFor();
    const links = await page
      .locator('.pagefind-ui__result-link')
      .evaluateAll((found) => found.map((link) => link.getAttribute('href')));
    expect(links.filter((href) => href?.startsWith('/#'))).toEqual([]);
    await page.context().close();

    // Without JavaScript there is no box: no label for one, and a word on where else to look.
    const still = await (await newContext({ javaScriptEnabled: false })).newPage();
    await still.goto(`${stack.siteUrl}/sok/`);
    expect(await still.getByText('Sök på portalen').isVisible()).toBe(false);
    await still.getByText('Sökningen behöver JavaScript.').waitFor();
    await still.context().close();
  });

  it("keeps pages that only answer a step out of the search and the search engines' index", async () => {
    // The words of the newsletter result pages, the not-found pages and the search page itself.
    const queries = {
      sv: ['prenumererar', 'avregistrerad', 'utskicken', 'finns', 'sök'],
      en: ['subscribed', 'unsubscribed', 'preferences', 'found', 'search'],
    };
    const answersOnly =
      /\/(nyhetsbrev\/(bekraftad|avslutad)|en\/newsletter\/(confirmed|unsubscribed)|sok|en\/search|404|en\/404)\//;
    const found: string[] = [];
    for (const [locale, path] of [
      ['sv', '/sok/'],
      ['en', '/en/search/'],
    ] as const) {
      const page = await newPage();
      await page.goto(`${stack.siteUrl}${path}`);
      found.push(
        // Pagefind's own API in the page, as its interface uses it (a string: vitest rewrites import()).
        ...((await page.evaluate(`(async (words) => {
          const pagefind = await import('/pagefind/pagefind.js');
          const urls = [];
          for (const word of words) {
            const { results } = await pagefind.search(word);
            for (const result of results) urls.push((await result.data()).url);
          }
          return urls;
        })(${JSON.stringify(queries[locale])})`)) as string[]),
      );
      await page.context().close();
    }
    // The searches find pages (the privacy page speaks of unsubscribing), never those.
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((url) => answersOnly.test(url))).toEqual([]);
    for (const path of ['/nyhetsbrev/avslutad/', '/en/newsletter/confirmed/', '/sok/', '/finns-inte/']) {
      const html = await (await fetch(`${stack.siteUrl}${path}`)).text();
      expect(html, path).toContain('<meta name="robots" content="noindex">');
    }
    const sitemap = await (await fetch(`${stack.siteUrl}/sitemap-0.xml`)).text();
    expect(sitemap).not.toContain(`${stack.siteUrl}/sok/`);
    expect(sitemap).not.toContain(`${stack.siteUrl}/en/search/`);
  });

  it('orders the magazine to a foreign address', async () => {
    const email = uniqueEmail('e2e-order');
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/tidningen/`);
    await hydrated(page);
    await humanPause(page);
    await page.getByLabel('Utgåva').selectOption('ta-steget-2026');
    await page.getByLabel('Antal exemplar').fill('2');
    await page.getByLabel('Namn').fill('Ingrid Hansen');
    await page.getByRole('textbox', { name: /^E-post/ }).fill(email);
    await page.getByLabel('Gatuadress').fill('Storgata 5');
    await page.getByLabel('Postnummer').fill('7010');
    await page.getByLabel('Ort').fill('Trondheim');
    await page.getByLabel(/Landskod/).fill('NO');
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack för din beställning!' }).waitFor();

    const order = (await stack.cms.strapi
      .documents('api::magazine-order.magazine-order')
      .findFirst({ filters: { email }, populate: ['address'] } as never)) as unknown as {
      quantity: number;
      orderStatus: string;
      address: { city: string; country: string };
    };
    expect(order).toMatchObject({
      quantity: 2,
      orderStatus: 'new',
      address: { city: 'Trondheim', country: 'NO' },
    });
    await stack.smtp.waitFor(1, (m) => m.envelopeTo.includes(email));
    await page.context().close();
  });
});

describe('for crawlers', () => {
  it('robots.txt names the sitemap and keeps the preview and the embedded form out', async () => {
    const res = await fetch(`${stack.siteUrl}/robots.txt`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const sitemap = /^Sitemap: (\S+)$/m.exec(text)?.[1];
    expect(sitemap).toMatch(/\/sitemap-index\.xml$/);
    expect((await fetch(new URL(new URL(sitemap!).pathname, stack.siteUrl))).status).toBe(200);
    expect(text).toMatch(/^Disallow: \/forhandsvisning\/$/m);
    expect(text).toMatch(/^Disallow: \/embed\/$/m);
  });
});

describe('language links', () => {
  /** Every page of the built site: the sitemap's, and those kept out of it. */
  async function allPages(): Promise<string[]> {
    const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    const index = await (await fetch(`${stack.siteUrl}/sitemap-index.xml`)).text();
    const pages: string[] = [];
    for (const sitemap of locs(index)) pages.push(...locs(await (await fetch(sitemap)).text()));
    // The embedded form has no site chrome and no language switch.
    const others = PAGES.filter((path) => !path.includes('/embed/'));
    return [...pages, ...others.map((path) => `${stack.siteUrl}${path}`)];
  }
  const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  /** The language switch and the hreflang alternates of a page. */
  function languageLinks(html: string, url: string) {
    const tags = html.match(/<(?:a|link)\s[^>]*>/g) ?? [];
    const switchTag = tags.find((tag) => tag.startsWith('<a') && attribute(tag, 'class') === 'language');
    const alternates = Object.fromEntries(
      tags
        .filter((tag) => tag.startsWith('<link') && attribute(tag, 'rel') === 'alternate')
        .filter((tag) => attribute(tag, 'hreflang'))
        .map((tag) => [attribute(tag, 'hreflang')!, new URL(attribute(tag, 'href')!, url).href]),
    );
    return { languageSwitch: switchTag && new URL(attribute(switchTag, 'href')!, url).href, alternates };
  }

  it('lead to pages that exist, from every page', async () => {
    const pages = await allPages();
    expect(pages.length).toBeGreaterThan(100);
    const targets = new Map<string, string>();
    for (const url of pages) {
      const { languageSwitch, alternates } = languageLinks(await (await fetch(url)).text(), url);
      expect(languageSwitch, url).toBeTruthy();
      for (const target of [languageSwitch!, ...Object.values(alternates)]) targets.set(target, url);
    }
    const broken: string[] = [];
    for (const [target, from] of targets) {
      const status = (await fetch(target)).status;
      if (status !== 200) broken.push(`${from} → ${target}: ${status}`);
    }
    expect(broken).toEqual([]);
  });

  it('lead an untranslated story to the stories in the other language, with no alternate for it', async () => {
    const slugs = async (locale: string) => {
      const res = await fetch(
        `${stack.cms.url}/api/stories?locale=${locale}&fields[0]=slug&pagination[pageSize]=100`,
      );
      return ((await res.json()) as { data: { slug: string }[] }).data.map((d) => d.slug);
    };
    const english = await slugs('en');
    const swedishOnly = (await slugs('sv')).filter((slug) => !english.includes(slug));
    expect(swedishOnly).toContain('johanna-flyttade-hem-till-brunflo-fran-london');
    for (const slug of swedishOnly) {
      const url = `${stack.siteUrl}/berattelser/${slug}/`;
      const { languageSwitch, alternates } = languageLinks(await (await fetch(url)).text(), url);
      expect(languageSwitch, slug).toBe(`${stack.siteUrl}/en/stories/`);
      expect(alternates, slug).toEqual({ sv: url, 'x-default': url });
    }
    // A translated one names its translation, both ways.
    const slug = english[0];
    const sv = `${stack.siteUrl}/berattelser/${slug}/`;
    const en = `${stack.siteUrl}/en/stories/${slug}/`;
    expect(languageLinks(await (await fetch(sv)).text(), sv)).toEqual({
      languageSwitch: en,
      alternates: { sv, en, 'x-default': sv },
    });
    expect(languageLinks(await (await fetch(en)).text(), en).languageSwitch).toBe(sv);
  });
});

describe('site icon', () => {
  it('is declared, loads, and no page asks for a missing /favicon.ico', async () => {
    const page = await newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${m.location().url}: ${m.text()}`);
    });
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.url()}: ${r.status()}`);
    });
    await page.goto(`${stack.siteUrl}/berattelser/`);
    const icons = await page
      .locator('link[rel="icon"]')
      .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(icons.length).toBeGreaterThan(0);
    expect(icons).toContain(`${stack.siteUrl}/favicon.svg`);
    const svg = await fetch(`${stack.siteUrl}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    // Asked for by browsers whatever a page declares: an icon file (its first bytes say so).
    const ico = await fetch(`${stack.siteUrl}/favicon.ico`);
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    expect([...new Uint8Array(await ico.arrayBuffer()).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    await page.waitForLoadState('networkidle');
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('rebuild on publish', () => {
  it('shows a story on the portal once it is published in the CMS', async () => {
    const slug = `ny-berattelse-${Date.now()}`;
    const title = 'Lisa öppnade café i Hammarstrand';
    const storyUrl = `${stack.siteUrl}/berattelser/${slug}`;
    expect((await fetch(storyUrl)).status).toBe(404);

    const ragunda = await stack.cms.strapi
      .documents('api::kommun.kommun')
      .findFirst({ filters: { slug: 'ragunda' }, locale: 'sv' } as never);
    await stack.cms.strapi.documents('api::story.story').create({
      data: {
        title,
        slug,
        lead: 'Efter tjugo år i Uppsala flyttade Lisa hem och öppnade ett café vid älven.',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Caféet har öppet året runt.' }] }],
        person: { name: 'Lisa Berglund', age: 45, movedFrom: 'Uppsala', occupation: 'Kafévärd' },
        kommun: ragunda!.documentId,
        themes: ['entrepreneur'],
        seo: { metaTitle: 'Lisas café vid älven', metaDescription: 'Från Uppsala till Hammarstrand.' },
      },
      locale: 'sv',
      status: 'published',
    } as never);

    await expect
      .poll(async () => (await fetch(storyUrl)).status, { timeout: 180_000, interval: 1_000 })
      .toBe(200);
    const html = await (await fetch(storyUrl)).text();
    expect(html).toContain(title);
    // The editors' SEO fields win in search results and when shared.
    expect(html).toMatch(/<title>Lisas café vid älven – Ta Steget[^<]*<\/title>/);
    expect(html).toContain('<meta property="og:title" content="Lisas café vid älven">');
    expect(html).toContain('<meta name="description" content="Från Uppsala till Hammarstrand.">');
    expect(stack.portalOutput()).toContain('build ready');
  });

  it("shows a picture's new alt text once it is edited in the Media Library, with no story published", async () => {
    const storyUrl = `${stack.siteUrl}/berattelser/familjen-van-dijk-bytte-utrecht-mot-klovsjo/`;
    const story = (await stack.cms.strapi.db.query('api::story.story').findOne({
      where: {
        slug: 'familjen-van-dijk-bytte-utrecht-mot-klovsjo',
        locale: 'sv',
        publishedAt: { $notNull: true },
      },
      populate: { images: true },
    })) as { images: { id: number; alternativeText: string | null }[] };
    const [image] = story.images;
    const alt = `Kapellet i Klövsjö i kvällsljus ${Date.now()}`;
    expect(await (await fetch(storyUrl)).text()).not.toContain(alt);
    // As the Media Library's edit dialog saves it.
    await stack.cms.strapi
      .plugin('upload')
      .service('upload')
      .updateFileInfo(image.id, { alternativeText: alt });
    await expect
      .poll(async () => (await (await fetch(storyUrl)).text()).includes(`alt="${alt}"`), {
        timeout: 180_000,
        interval: 1_000,
      })
      .toBe(true);
  });
});

describe('visitor statistics', () => {
  type Report = {
    pages: { path: string; views: number }[];
    conversions: { kind: string; landing: string; source: string; municipality: string; count: number }[];
  };
  let token: string;
  const report = async (): Promise<Report> => {
    token ??= (await adminSession(stack.cms.strapi, stack.cms.url, 'coordinator', 'stats@region.example'))
      .token;
    const res = await fetch(`${stack.cms.url}/tasteget/statistics?from=2000-01-01&to=2100-01-01`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    return ((await res.json()) as { data: Report }).data;
  };
  const viewsOf = (r: Report, path: string) => r.pages.find((p) => p.path === path)?.views ?? 0;

  it('counts visits made in Chromium without cookies, and a registration by its landing page and source', async () => {
    const before = await report();
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(
      `${stack.siteUrl}/tidningen/?utm_source=e2e-kalla&utm_medium=social&utm_campaign=e2e-vinter`,
    );
    await page.getByRole('link', { name: 'Registrera dig' }).first().click();
    await page.waitForURL(`${stack.siteUrl}/registrering/`);
    await hydrated(page);
    await humanPause(page);
    await page.getByLabel('Förnamn').fill('Stina');
    await page.getByRole('textbox', { name: /^E-post/ }).fill(uniqueEmail('e2e-stats'));
    await page.getByLabel('Åre').check();
    await page.getByLabel(/Jag vill bli kontaktad av en flyttvägledare/).check();
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('heading', { name: 'Tack för din registrering!' }).waitFor();

    await expect
      .poll(async () => viewsOf(await report(), '/tidningen/'))
      .toBe(viewsOf(before, '/tidningen/') + 1);
    await expect
      .poll(async () =>
        (await report()).conversions.find(
          (c) => c.kind === 'registration' && c.landing === '/tidningen/' && c.source === 'e2e-kalla',
        ),
      )
      .toMatchObject({ municipality: 'are', count: 1 });
    expect(viewsOf(await report(), '/registrering/')).toBeGreaterThan(viewsOf(before, '/registrering/'));
    // Neither the portal nor the CMS set a cookie.
    expect(await context.cookies()).toEqual([]);
    await context.close();

    // A browser that asks not to be tracked is not counted.
    const quiet = await newContext({ extraHTTPHeaders: { DNT: '1' } });
    const other = await quiet.newPage();
    await other.goto(`${stack.siteUrl}/en/magazine/`);
    await other.waitForTimeout(1_000);
    await quiet.close();
    expect(viewsOf(await report(), '/en/magazine/')).toBe(viewsOf(before, '/en/magazine/'));
  });
});

describe('sharing', () => {
  it.each([
    '/',
    '/en/',
    '/berattelser/familjen-van-dijk-bytte-utrecht-mot-klovsjo/',
    '/kommuner/are/',
    '/nyheter/fullsatt-pa-hostens-inflyttartraff-i-ostersund/',
    '/evenemang/inflyttartraff-stromsund/',
    '/coworking/',
    '/registrering',
    '/tillganglighet/',
  ])('%s has Open Graph and a large Twitter card whose image loads', async (path) => {
    const html = await (await fetch(`${stack.siteUrl}${path}`)).text();
    const meta = (attribute: string, name: string) =>
      new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`).exec(html)?.[1];
    expect(meta('name', 'twitter:card')).toBe('summary_large_image');
    for (const [attribute, name] of [
      ['property', 'og:title'],
      ['property', 'og:description'],
      ['name', 'twitter:title'],
      ['property', 'og:image:alt'],
    ])
      expect(meta(attribute, name), name).toBeTruthy();
    const image = meta('property', 'og:image')!;
    expect(meta('name', 'twitter:image')).toBe(image);
    expect(image.startsWith(`${stack.siteUrl}/`)).toBe(true);
    const res = await fetch(image);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    // A page with an image of its own shares it, cut to the size networks show whole.
    if (path.startsWith('/berattelser/') || path.startsWith('/kommuner/')) {
      expect(image).toMatch(/\/_astro\/.+\.jpg$/);
      const { width, height } = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect([width, height]).toEqual([1200, 630]);
    }
  });

  it("shows a news article's cover on its page, described, not only to the networks", async () => {
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/nyheter/fullsatt-pa-hostens-inflyttartraff-i-ostersund/`);
    const cover = page.locator('main article img');
    await expect.poll(() => cover.count()).toBe(1);
    expect(await cover.getAttribute('alt')).toBeTruthy();
    await expect
      .poll(() => cover.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await page.context().close();
  });
});

describe('screenshots', () => {
  /** Test output (git-ignored): every page type as a phone and a laptop show it. */
  const OUT = path.join(ROOT, 'test-results', 'screenshots');
  const TYPES: [string, string][] = [
    ['home', '/'],
    ['story', '/berattelser/familjen-van-dijk-bytte-utrecht-mot-klovsjo/'],
    ['stories', '/berattelser/'],
    ['kommun', '/kommuner/are/'],
    ['news', '/nyheter/fullsatt-pa-hostens-inflyttartraff-i-ostersund/'],
    ['event', '/evenemang/inflyttartraff-stromsund/'],
    ['events', '/evenemang/'],
    ['ambassadors', '/ambassadorer/'],
    ['coworking', '/coworking/'],
    ['magazine', '/tidningen/'],
    ['register', '/registrering'],
    ['newsletter', '/nyhetsbrev'],
    ['accessibility', '/tillganglighet/'],
    ['search', '/sok/'],
  ];
  it('saves every page type at 390 and 1280 px wide', async () => {
    fs.mkdirSync(OUT, { recursive: true });
    for (const width of [390, 1280]) {
      const context = await newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [name, pagePath] of TYPES) {
        await page.goto(`${stack.siteUrl}${pagePath}`);
        const file = path.join(OUT, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(fs.statSync(file).size, file).toBeGreaterThan(10_000);
        // Nothing is wider than the screen: no sideways scrolling on a phone.
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth),
          `${name} at ${width}`,
        ).toBeLessThanOrEqual(width);
      }
      await context.close();
    }
  });
});

describe('the header', () => {
  it('is never wider than the screen, from 320 to 1600 px in both languages, and always offers the other language', async () => {
    const context = await newContext();
    const page = await context.newPage();
    for (const [start, other] of [
      ['/', 'English'],
      ['/en/', 'Svenska'],
    ]) {
      for (const width of [320, 360, 420, 460, 800, 1000, 1024, 1120, 1300, 1440, 1600]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${stack.siteUrl}${start}`);
        const at = `${start} at ${width}`;
        expect(await page.evaluate(() => document.documentElement.scrollWidth), at).toBeLessThanOrEqual(
          width,
        );
        // One line: the bar is no taller than its tallest item.
        expect(
          await page.evaluate(() => document.querySelector('.bar')!.getBoundingClientRect().height),
          at,
        ).toBeLessThan(70);
        const switchLink = page.getByRole('link', { name: other, exact: true });
        if (!(await switchLink.isVisible()))
          await page.getByText(start === '/' ? 'Meny' : 'Menu', { exact: true }).click();
        await expect.poll(() => switchLink.isVisible()).toBe(true);
        const menu = await page.evaluate(() => {
          const nav = document.querySelector('.narrow[open] nav');
          return nav ? nav.getBoundingClientRect().right : 0;
        });
        expect(menu, at).toBeLessThanOrEqual(width);
      }
    }
    await context.close();
  });

  it('shows where the keyboard is with a ring that stands out at least 3:1, on the page and on the dark hero', async () => {
    const page = await newPage();
    await page.goto(`${stack.siteUrl}/`);
    // The brand link (on the white header) and the hero's call to register (on the dark picture).
    for (const selector of ['.brand', 'a.button']) {
      await page.locator(selector).first().focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      const ring = await page
        .locator(selector)
        .first()
        .evaluate((element) => {
          const style = getComputedStyle(element);
          return { outline: style.outlineColor, width: style.outlineWidth, shadow: style.boxShadow };
        });
      expect(ring.width, selector).toBe('3px');
      // The outer ring is dark ink, the inner the yellow: whichever side is light, one of them shows.
      expect(contrast(ring.outline, 'rgb(251, 250, 247)'), selector).toBeGreaterThanOrEqual(3);
      expect(contrast(ring.shadow.match(/rgb\([^)]*\)/)![0], ring.outline), selector).toBeGreaterThanOrEqual(
        3,
      );
    }
    await page.context().close();
  });
});

/** The WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = colour
      .match(/\d+/g)!
      .slice(0, 3)
      .map((v) => {
        const c = Number(v) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** One page of every type, in both languages. */
const PAGES = [
  '/',
  '/en/',
  '/berattelser/',
  '/en/stories/',
  '/berattelser/familjen-van-dijk-bytte-utrecht-mot-klovsjo/',
  '/en/stories/familjen-van-dijk-bytte-utrecht-mot-klovsjo/',
  '/berattelser/tema/family/',
  '/en/stories/theme/family/',
  '/kommuner/',
  '/kommuner/are/',
  '/en/municipalities/are/',
  '/tidningen/',
  '/en/magazine/',
  '/nyheter/',
  '/en/news/',
  '/nyheter/fullsatt-pa-hostens-inflyttartraff-i-ostersund/',
  '/evenemang/',
  '/en/events/',
  '/evenemang/inflyttartraff-stromsund/',
  '/en/events/inflyttartraff-stromsund/',
  '/ambassadorer/',
  '/en/ambassadors/',
  '/coworking/',
  '/en/coworking/',
  '/sok/',
  '/en/search/',
  '/tillganglighet/',
  '/en/accessibility/',
  '/integritet/',
  '/en/privacy/',
  '/finns-inte/',
  '/registrering',
  '/en/register',
  '/nyhetsbrev',
  '/en/newsletter',
  '/nyhetsbrev/bekraftad',
  '/en/newsletter/unsubscribed',
  '/embed/registrering?kommun=are',
  '/en/embed/register?kommun=are',
];

describe('markup', () => {
  it.each(PAGES)('%s needs no repair by the browser', async (path) => {
    const html = await (await fetch(`${stack.siteUrl}${path}`)).text();
    expect(await markupProblems(html, path)).toEqual([]);
  });
});

describe('accessibility (axe, WCAG 2.1 AA)', () => {
  it.each(PAGES)('%s has no violations', async (path) => {
    const page = await newPage();
    await page.goto(`${stack.siteUrl}${path}`);
    await hydrated(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a form showing its errors has no violations', async () => {
    const page = await openForm('/registrering');
    await page.getByRole('button', { name: 'Skicka' }).click();
    await page.getByRole('alert').filter({ hasText: 'Formuläret behöver rättas' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
