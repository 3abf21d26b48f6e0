import type { Browser, ConsoleMessage, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession } from '../support/admin';
import { launchChromium, logIntoAdmin } from '../support/browser';
import { FAST_PORTAL_ENV, submit } from '../support/portal';
import { sampleDocument } from '../support/sample-data';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * A relocation guide's morning in the real admin panel, in Debian's Chromium: log in, open the
 * queue, open the overdue contact, log the call, and see the deadline cleared. Then the same
 * screens for a guide who chose English in their profile.
 */
let cms: TestStrapi;
let browser: Browser;
let page: Page;
const DAY = 86_400_000;

beforeAll(async () => {
  cms = await startStrapi({ ...FAST_PORTAL_ENV, PUBLIC_URL: 'http://127.0.0.1' }, { serveAdminPanel: true });
  const guide = await adminSession(cms.strapi, cms.url, 'guide', 'greta.are@kommun.example', 'Greta');
  await cms.strapi.db
    .query('api::guide-assignment.guide-assignment')
    .create({ data: { user: guide.id, queue: 'are', receivesReminders: true, publishedAt: new Date() } });
  await cms.strapi.db.query('api::contact.contact').create({
    data: {
      firstName: 'Maja',
      lastName: 'Nilsson',
      email: 'maja.nilsson@example.se',
      phone: '+46705551234',
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
  // A guide who chose English: the project's pages, widgets and enumeration labels follow.
  const english = await adminSession(cms.strapi, cms.url, 'guide', 'erik.are@kommun.example', 'Erik');
  await cms.strapi.db
    .query('admin::user')
    .update({ where: { id: english.id }, data: { preferedLanguage: 'en' } });
  await cms.strapi.db
    .query('api::guide-assignment.guide-assignment')
    .create({ data: { user: english.id, queue: 'are', receivesReminders: false, publishedAt: new Date() } });
  await adminSession(cms.strapi, cms.url, 'coordinator', 'sam@region.example', 'Sam');
  await adminSession(cms.strapi, cms.url, 'editor', 'eva@region.example', 'Eva');
  await cms.strapi.db.query('api::newsletter-subscription.newsletter-subscription').create({
    data: {
      email: 'prenumerant@example.se',
      subscriptionStatus: 'confirmed',
      language: 'sv',
      confirmToken: 'c'.repeat(43),
      unsubscribeToken: 'u'.repeat(43),
    },
  });
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe("the register's screens in the admin", () => {
  it('logs in, opens the queue and the overdue contact, logs a call and sees the deadline cleared', async () => {
    await logIntoAdmin(page, cms.url, 'greta.are@kommun.example');

    // The admin speaks Swedish to staff by default.
    await page.getByRole('heading', { name: 'Hej Greta' }).waitFor({ timeout: 30_000 });
    await page.getByText('Välkommen till administrationspanelen').waitFor();
    await page.getByText('Senast ändrade poster').waitFor();

    // The start page widget shows the queue: one overdue contact, and a link to it.
    await page.getByText('Inom två arbetsdagar').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: 'Öppna kön' }).count()).toBe(1);

    await page.goto(`${cms.url}/admin/tasteget-register`);
    await page.getByRole('heading', { name: 'Försenade (1)' }).waitFor({ timeout: 30_000 });
    await expect(page.getByText('☎ Ring 070-555 12 34').isVisible()).resolves.toBe(true);
    await page.getByRole('link', { name: 'Maja Nilsson' }).click();

    // The contact card: channel first, the deadline overdue, the dialog panel; fields and their
    // choices in Swedish.
    await page.getByText('☎ Telefon: 070-555 12 34').waitFor({ timeout: 30_000 });
    await expect(
      page.getByRole('combobox', { name: 'Vill bli kontaktad via' }).textContent(),
    ).resolves.toContain('Telefon');
    await page.getByText(/^Försenad! Skulle ha besvarats/).waitFor();
    // The Bcc address, one long word, wraps inside the panel instead of running out of it.
    const bcc = page.getByText(/^Skriver du från Outlook\? Lägg logg\+/);
    expect(await bcc.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
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

    // Greta follows up by e-mail from the card: sent through the outbox with Maja's reply address,
    // and logged in the dialog as outgoing e-mail. Maja asked to be called, and the box says so.
    await page.getByText('Hushållet vill bli uppringt. Ring först och logga samtalet').waitFor();
    await page.getByLabel('Mejlets ämne', { exact: true }).fill('Jobb i Järpen');
    await page
      .getByLabel('Mejlets text', { exact: true })
      .fill('Hej Maja!\n\nHär är länken till lediga jobb.');
    await page.getByRole('button', { name: 'Skicka mejl' }).click();
    await page.getByText('Skickat och loggat i dialogen.').waitFor({ timeout: 15_000 });
    await page
      .getByText(/Utgående/)
      .first()
      .waitFor();
    await page.getByText(/^Writing from Outlook|^Skriver du från Outlook\? Lägg logg\+/).waitFor();
    const mail = await cms.strapi.db
      .query('api::outbox-message.outbox-message')
      .findOne({ where: { kind: 'guide-mail', to: 'maja.nilsson@example.se' } });
    expect(mail).toMatchObject({
      subject: 'Jobb i Järpen',
      from: '"Greta Test – Ta Steget" <info@tasteget.local>',
    });
    expect(mail.replyTo).toMatch(/^svar\+/);

    // Maja says on the phone that she no longer wants to be contacted: the card says so, the
    // consent log has it with Greta's name.
    await page.getByRole('button', { name: 'Vill inte längre bli kontaktad (sagt i telefon)' }).click();
    await page
      .getByText(/^Samtycket till kontakt återkallades .*Kontakta inte personen\.$/)
      .waitFor({ timeout: 15_000 });
    const consent = await cms.strapi.db
      .query('api::consent-record.consent-record')
      .findOne({ where: { email: 'maja.nilsson@example.se' } });
    expect(consent).toMatchObject({
      kind: 'contact',
      event: 'withdrawn',
      source: 'guide',
      recordedBy: 'Greta Test',
    });

    // Greta then saves the card's form, opened before the call and the withdrawal: her edit is
    // stored, and the register's bookkeeping (first response, consent) stays as it was logged.
    const logged = await cms.strapi.db
      .query('api::contact.contact')
      .findOne({ where: { email: 'maja.nilsson@example.se' } });
    await page.getByLabel('Yrke eller bransch').fill('Undersköterska');
    await page.getByRole('button', { name: 'Spara' }).click();
    await page
      .getByText(/Sparad|Saved/)
      .first()
      .waitFor({ timeout: 15_000 });
    const saved = await cms.strapi.db
      .query('api::contact.contact')
      .findOne({ where: { email: 'maja.nilsson@example.se' } });
    expect(saved.occupation).toBe('Undersköterska');
    for (const field of [
      'firstRespondedAt',
      'firstResponseDueAt',
      'contactConsentAt',
      'contactConsentWithdrawnAt',
    ])
      expect(saved[field], field).toEqual(logged[field]);
    expect(saved.contactConsentWithdrawnAt).toBeTruthy();

    await page.goto(`${cms.url}/admin/tasteget-register`);
    await page.getByRole('heading', { name: 'Försenade (0)' }).waitFor({ timeout: 30_000 });
    // Her withdrawal is a note in the queue, not work.
    await page.getByRole('heading', { name: 'Återkallat samtycke (1)' }).waitFor();
    await page.getByText(/återkallade sitt samtycke .*Kontakta inte personen\./).waitFor();
  });

  it("speaks Swedish in Strapi's own texts too: the menu, a list view and a contact card", async () => {
    // react-intl logs a text that has no translation in either language (a content type's name,
    // an id only Strapi's code has) as MISSING_TRANSLATION. Field labels are looked up as
    // content-manager.content-types.<uid>.<field> with the view's configured label as the default:
    // the project's fields have translations (admin/translations/field-labels.ts), Strapi's own
    // (createdAt, updatedAt…) fall back to the default, so those lookups are left out.
    const missing: string[] = [];
    const onConsole = (message: ConsoleMessage) => {
      const [text] = message.text().split('\n');
      if (text.includes('MISSING_TRANSLATION') && !text.includes('"content-manager.content-types.')) {
        missing.push(text);
      }
    };
    page.on('console', onConsole);
    try {
      await page.goto(`${cms.url}/admin`);
      await page.getByRole('link', { name: 'Startsida', exact: true }).first().waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: 'Innehållshanterare', exact: true }).first().waitFor();

      await page.goto(`${cms.url}/admin/content-manager/collection-types/api::contact.contact`);
      await page.getByRole('heading', { name: 'Kontakt', exact: true }).waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Visa inställningar' }).waitFor();

      // An enumeration's column shows its label, not its raw value: the queue "are" reads Åre.
      await page.goto(
        `${cms.url}/admin/content-manager/collection-types/api::guide-assignment.guide-assignment`,
      );
      await page.getByRole('gridcell', { name: 'Åre', exact: true }).first().waitFor({ timeout: 30_000 });
      expect(await page.getByRole('gridcell', { name: 'are', exact: true }).count()).toBe(0);
      // A yes-or-no column says yes, not "on".
      await page.getByRole('gridcell', { name: 'Ja', exact: true }).first().waitFor();
      expect(await page.getByRole('gridcell', { name: 'På', exact: true }).count()).toBe(0);

      const maja = await cms.strapi.db
        .query('api::contact.contact')
        .findOne({ where: { email: 'maja.nilsson@example.se' } });
      await page.goto(
        `${cms.url}/admin/content-manager/collection-types/api::contact.contact/${maja.documentId}`,
      );
      await page.getByRole('button', { name: 'Fler åtgärder', exact: true }).waitFor({ timeout: 30_000 });
      // Her municipalities and topics are boxes to tick, with their names, not JSON to type.
      const municipalities = page.getByRole('group', { name: 'Kommuner' });
      await expect(municipalities.getByRole('checkbox', { name: 'Åre' }).isChecked()).resolves.toBe(true);
      await expect(municipalities.getByRole('checkbox', { name: 'Krokom' }).isChecked()).resolves.toBe(false);
      expect(await municipalities.getByRole('checkbox').count()).toBe(8);
      await expect(
        page.getByRole('group', { name: 'Ämnen' }).getByRole('checkbox', { name: 'Jobb' }).isChecked(),
      ).resolves.toBe(true);
      // A phone number the field's pattern refuses is told with the formats, not as "the regex".
      await page.getByRole('textbox', { name: /^Telefon/ }).fill('ring mig');
      await page.getByRole('button', { name: 'Spara', exact: true }).click();
      await page
        .getByText(/har fel format\. Skriv till exempel telefonnummer som 070-123 45 67/)
        .first()
        .waitFor({ timeout: 15_000 });
      expect(
        (
          (await cms.strapi.db.query('api::contact.contact').findOne({ where: { id: maja.id } })) as {
            phone: string | null;
          }
        ).phone,
      ).toBe(maja.phone);
      expect(missing).toEqual([]);
    } finally {
      page.off('console', onConsole);
    }
  });

  it("follows a guide's English admin language on the project's pages and in enumeration and field labels", async () => {
    const context = await browser.newContext();
    const english = await context.newPage();
    await logIntoAdmin(english, cms.url, 'erik.are@kommun.example');

    await english.getByText('Within two business days').waitFor({ timeout: 30_000 });
    expect(await english.getByRole('link', { name: 'Open the queue' }).count()).toBe(1);
    expect(await english.getByRole('link', { name: 'Contact register' }).count()).toBeGreaterThan(0);
    expect(await english.getByText('Inom två arbetsdagar').count()).toBe(0);

    await english.goto(`${cms.url}/admin/tasteget-register`);
    await english.getByRole('tab', { name: 'My queue' }).waitFor({ timeout: 30_000 });
    await english.getByRole('tab', { name: 'Key figures' }).waitFor();
    // Maja was answered above, so she has left the queue: open her card directly.
    const maja = await cms.strapi.db
      .query('api::contact.contact')
      .findOne({ where: { email: 'maja.nilsson@example.se' } });
    await english.goto(
      `${cms.url}/admin/content-manager/collection-types/api::contact.contact/${maja.documentId}`,
    );
    await english.getByRole('button', { name: 'Log activity' }).waitFor({ timeout: 30_000 });
    await english.getByLabel('What was said or done?').waitFor();
    // The card's field labels follow his language too (admin/translations/field-labels.ts)...
    await expect(
      english.getByRole('combobox', { name: 'Wants to be contacted by' }).textContent(),
    ).resolves.toContain('Phone');
    expect(await english.getByRole('combobox', { name: 'Vill bli kontaktad via' }).count()).toBe(0);
    // ...and so do the content types' names, in the Content Manager's menu.
    await english.goto(`${cms.url}/admin/content-manager`);
    await english.getByRole('link', { name: 'Contact activity', exact: true }).waitFor({ timeout: 30_000 });
    expect(await english.getByRole('link', { name: 'Kontaktaktivitet', exact: true }).count()).toBe(0);
    // A refusal reads in his language too: mail to an address blocked after a bounce.
    const blocked = await cms.strapi.db.query('api::contact.contact').create({
      data: {
        firstName: 'Olle',
        email: 'olle.studs@example.se',
        preferredChannel: 'email',
        municipalities: ['are'],
        topics: [],
        assignedMunicipality: 'are',
        moveStatus: 'new',
        source: 'portal',
        language: 'en',
        firstResponseDueAt: new Date(Date.now() + DAY),
        contactConsentAt: new Date(),
        publishedAt: new Date(),
      },
    });
    const { suppress } = await import('../../cms/src/mail/suppression');
    await suppress(cms.strapi, blocked.email, 'hard-bounce', '5.1.1 (test)');
    await english.goto(
      `${cms.url}/admin/content-manager/collection-types/api::contact.contact/${blocked.documentId}`,
    );
    await english.getByLabel('E-mail subject').fill('Housing');
    await english.getByLabel('E-mail text').fill('Hello Maja!');
    await english.getByRole('button', { name: 'Send e-mail' }).click();
    await english.getByText(/^E-mail does not reach this address: it is blocked/).waitFor();
    expect(await english.getByText(/Mejl når inte den här adressen/).count()).toBe(0);
    await context.close();

    // ...while Greta, in Swedish, still reads the same card's labels in Swedish.
    await page.goto(
      `${cms.url}/admin/content-manager/collection-types/api::contact.contact/${maja.documentId}`,
    );
    await expect(
      page.getByRole('combobox', { name: 'Vill bli kontaktad via' }).textContent({ timeout: 30_000 }),
    ).resolves.toContain('Telefon');
    expect(await page.getByRole('combobox', { name: 'Wants to be contacted by' }).count()).toBe(0);
  });

  it("names the register's staff in a contact's guide picker and in the list's filter, in the user's language", async () => {
    const maja = await cms.strapi.db
      .query('api::contact.contact')
      .findOne({ where: { email: 'maja.nilsson@example.se' } });
    const swedish = await browser.newContext();
    const page = await swedish.newPage();
    await logIntoAdmin(page, cms.url, 'greta.are@kommun.example');
    await page.goto(
      `${cms.url}/admin/content-manager/collection-types/api::contact.contact/${maja.documentId}`,
    );
    // Greta picks her colleague by name (Strapi offered documentIds): typing part of it finds him.
    const picker = page.getByRole('combobox', { name: /^Ansvarig vägledare/ });
    await picker.click({ timeout: 30_000 });
    await page.keyboard.type('erik');
    await page.getByRole('option', { name: 'Erik Test (Åre)' }).click();
    await page.getByLabel('Yrke eller bransch').fill('Sjuksköterska');
    const save = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().includes(maja.documentId),
    );
    await page.getByRole('button', { name: 'Spara' }).click();
    expect((await save).status()).toBe(200);
    // The Dialog panel reads the card's change line without a reload.
    await page
      .locator('xpath=//*[starts-with(normalize-space(text()), "Dialog (")]/following::ol[1]')
      .locator('li', { hasText: /Ändrat: .*yrke eller bransch .* → Sjuksköterska/ })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.reload();
    await page.getByText('Erik Test (Åre)', { exact: true }).waitFor({ timeout: 30_000 });
    const saved = await cms.strapi.db
      .query('api::contact.contact')
      .findOne({ where: { id: maja.id }, populate: { assignedGuide: true } });
    expect(saved.assignedGuide?.email).toBe('erik.are@kommun.example');

    // The list's filter offers the same names (Strapi's own asked for a user list guides may not
    // read, and stayed empty), and its tag names whom it filters by.
    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::contact.contact`);
    await page.getByRole('button', { name: 'Filter' }).first().click({ timeout: 30_000 });
    await page.getByRole('combobox').first().click();
    // Strapi's own fields are named too (they were createdAt, documentId…).
    const swedishFields = await page.getByRole('option').allTextContents();
    expect(swedishFields).toEqual(expect.arrayContaining(['Skapad', 'Senast ändrad']));
    expect(swedishFields).not.toContain('createdAt');
    await page.getByRole('option', { name: 'Ansvarig vägledare', exact: true }).click();
    const staffBox = page.getByRole('combobox', { name: 'Sök och välj en medarbetare' });
    expect(await staffBox.getAttribute('placeholder')).toBe('Välj en medarbetare');
    await staffBox.click();
    expect(await page.getByRole('option').allTextContents()).toEqual(
      expect.arrayContaining(['Erik Test (Åre)', 'Greta Test (Åre)', 'Sam Test (Regionen)']),
    );
    await page.getByRole('option', { name: 'Erik Test (Åre)' }).click();
    await page.getByRole('button', { name: 'Lägg till filter' }).click();
    await page.getByText('Ansvarig vägledare är Erik Test (Åre)').waitFor();
    await page.getByText('maja.nilsson@example.se').waitFor();
    expect(await page.getByText('olle.studs@example.se').count()).toBe(0);
    // Opened again from its address (a bookmark, a shared link), the tag names the person too.
    await page.reload();
    await page.getByText('maja.nilsson@example.se').waitFor({ timeout: 30_000 });
    await page.getByText('Ansvarig vägledare är Erik Test (Åre)').waitFor();
    expect(await page.getByText('Ansvarig vägledare är erik.are@kommun.example').count()).toBe(0);
    // A phone is looked for by a part of it, typed any way, with the filter's first operator ("är").
    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::contact.contact`);
    await page.getByRole('button', { name: 'Filter' }).first().click({ timeout: 30_000 });
    await page.getByRole('combobox').first().click();
    await page.getByRole('option', { name: 'Telefon', exact: true }).click();
    await page.getByRole('textbox', { name: 'Telefon' }).fill('555 12 34');
    await page.getByRole('button', { name: 'Lägg till filter' }).click();
    await page.getByText('maja.nilsson@example.se').waitFor();
    await swedish.close();

    // In English, the filter's fields are named in English, as the list's headers are.
    const context = await browser.newContext();
    const english = await context.newPage();
    await logIntoAdmin(english, cms.url, 'erik.are@kommun.example');
    await english.goto(`${cms.url}/admin/content-manager/collection-types/api::contact.contact`);
    await english.getByRole('button', { name: 'Filters' }).first().click({ timeout: 30_000 });
    await english.getByRole('combobox').first().click();
    const fields = await english.getByRole('option').allTextContents();
    expect(fields).toEqual(
      expect.arrayContaining(['Responsible guide', 'Wants to be contacted by', 'Phone', 'Created']),
    );
    expect(fields).not.toContain('Ansvarig vägledare');
    expect(fields).not.toContain('createdAt');
    await context.close();
  });

  it("shows a guide another queue's contact to read, without the forms the server would refuse", async () => {
    const other = await cms.strapi.db.query('api::contact.contact').create({
      data: {
        firstName: 'Kalle',
        email: 'kalle.krokom@example.se',
        preferredChannel: 'email',
        countyTie: 'seasonal',
        municipalities: ['krokom'],
        topics: [],
        assignedMunicipality: 'krokom',
        moveStatus: 'new',
        source: 'portal',
        language: 'sv',
        firstResponseDueAt: new Date(Date.now() + DAY),
        contactConsentAt: new Date(),
        publishedAt: new Date(),
      },
    });
    await page.goto(
      `${cms.url}/admin/content-manager/collection-types/api::contact.contact/${other.documentId}`,
    );
    await page.getByText(/^Kontakten står i kön för Krokom: du kan läsa kortet/).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Logga aktivitet' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Skicka mejl' }).count()).toBe(0);

    // His tie to the county shows in the key figures, its long label whole (not cut at the left).
    await page.goto(`${cms.url}/admin/tasteget-register`);
    await page.getByRole('tab', { name: 'Nyckeltal' }).click();
    await page
      .locator('figure svg text', { hasText: 'Säsongsboende eller fritidshus' })
      .waitFor({ timeout: 30_000 });
    const cut = await page
      .locator('figure svg text')
      .evaluateAll((texts) =>
        texts.filter((t) => (t as SVGTextElement).getBBox().x < 0).map((t) => t.textContent),
      );
    expect(cut).toEqual([]);
    // The share answered in time says what it is a share of; hours carry their one decimal.
    await page
      .getByText(/^\d+(,\d)?\s%\s\(\d+ av \d+\)$/)
      .first()
      .waitFor();
    expect(await page.getByText(/^\d+,\d$/).count()).toBeGreaterThan(0);
  });

  it("gives the coordinator a person's extract (complete, and to read) and the new magazine orders as files", async () => {
    const edition = await cms.strapi.documents('api::magazine-edition.magazine-edition').create({
      data: { year: 2026, title: 'Ta Steget 2026', slug: 'ta-steget-2026', orderable: true },
      locale: 'sv',
      status: 'published',
    } as never);
    const maja = await cms.strapi.db
      .query('api::contact.contact')
      .findOne({ where: { email: 'maja.nilsson@example.se' } });
    await cms.strapi.documents('api::magazine-order.magazine-order').create({
      data: {
        name: 'Maja Nilsson',
        email: 'maja.nilsson@example.se',
        address: { street: 'Storgatan 1', postalCode: '830 13', city: 'Åre', country: 'SE' },
        quantity: 1,
        language: 'sv',
        orderStatus: 'new',
        edition: edition.documentId,
        contact: maja.documentId,
      },
    } as never);
    const context = await browser.newContext({ acceptDownloads: true });
    const sam = await context.newPage();
    await logIntoAdmin(sam, cms.url, 'sam@region.example');
    await sam.getByRole('heading', { name: 'Hej Sam' }).waitFor({ timeout: 30_000 });
    await sam.goto(`${cms.url}/admin/tasteget-register`);
    await sam.getByRole('tab', { name: 'Registervård' }).click();
    const downloaded = async (button: string) => {
      const [download] = await Promise.all([
        sam.waitForEvent('download', { timeout: 15_000 }),
        sam.getByRole('button', { name: button }).click(),
      ]);
      const file = await download.path();
      return {
        name: download.suggestedFilename(),
        text: (await import('node:fs')).readFileSync(file, 'utf8'),
      };
    };

    await sam.getByLabel('E-postadress', { exact: true }).fill('maja.nilsson@example.se');
    const extract = await downloaded('Ladda ned utdrag (JSON)');
    expect(extract.name).toBe('personuppgifter.json');
    expect(extract.text).toContain('maja.nilsson@example.se');
    expect(() => JSON.parse(extract.text)).not.toThrow();
    const readable = await downloaded('Ladda ned utdrag att läsa (HTML)');
    expect(readable.name).toBe('personuppgifter.html');
    expect(readable.text).toContain('<h1>Dina personuppgifter hos Ta Steget</h1>');
    expect(readable.text).toContain('<h2>Beställningar av magasinet (1)</h2>');
    expect(readable.text).toContain('<td>Ta Steget 2026</td>');

    const orders = await downloaded('Exportera nya beställningar (CSV)');
    expect(orders.name).toMatch(/^tidningsbestallningar-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(orders.text).toContain('Maja Nilsson');
    expect(orders.text).toContain('Storgatan 1');
    await sam.getByText('1 ny beställning exporterad och markerad som exporterad.').waitFor();
    // Again: nothing new, said on the screen, and no empty file.
    let downloads = 0;
    sam.on('download', () => (downloads += 1));
    await sam.getByRole('button', { name: 'Exportera nya beställningar (CSV)' }).click();
    await sam.getByText('Det finns inga nya beställningar att exportera.').waitFor();
    // Marking as shipped asks first; declined, nothing changes.
    sam.once('dialog', (dialog) => void dialog.dismiss());
    await sam.getByRole('button', { name: 'Markera exporterade som skickade' }).click();
    sam.once('dialog', (dialog) => void dialog.accept());
    await sam.getByRole('button', { name: 'Markera exporterade som skickade' }).click();
    await sam.getByText('1 beställning markerad som skickad.').waitFor();
    expect(downloads).toBe(0);
    await context.close();
  });

  it("lets the coordinator, and only the coordinator, change a subscription's status and lift a suppressed address, each with a reason", async () => {
    const subscription = await cms.strapi.db
      .query('api::newsletter-subscription.newsletter-subscription')
      .findOne({ where: { email: 'prenumerant@example.se' } });
    const card = `${cms.url}/admin/content-manager/collection-types/api::newsletter-subscription.newsletter-subscription/${subscription.documentId}`;

    // Greta (a guide) sees why she cannot.
    await page.goto(card);
    await page.getByText(/^Statusen ändras genom prenumerantens egna länkar/).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('button', { name: 'Ändra status' }).count()).toBe(0);

    const context = await browser.newContext();
    const sam = await context.newPage();
    await logIntoAdmin(sam, cms.url, 'sam@region.example');
    await sam.getByRole('heading', { name: 'Hej Sam' }).waitFor({ timeout: 30_000 });
    await sam.goto(card);
    await sam.getByLabel('Skäl (sparas i loggen)').fill('Ringde och bad att slippa nyhetsbrevet.');
    await sam.getByRole('button', { name: 'Ändra status' }).click();
    await sam.getByText('Ändrad och loggad.', { exact: true }).waitFor({ timeout: 15_000 });
    // The form beside the panel starts over from the stored subscription: no reload needed.
    await sam
      .getByRole('combobox', { name: 'Status', exact: true })
      .filter({ hasText: 'Avregistrerad' })
      .waitFor({ timeout: 15_000 });

    // A blocked address (a full mailbox that kept bouncing): Sam lifts the block with a reason.
    const blocked = await cms.strapi.db.query('api::mail-suppression.mail-suppression').create({
      data: {
        email: 'full.brevlada@example.se',
        active: true,
        reason: 'soft-bounces',
        history: [
          { at: '2026-11-02T09:00:00.000Z', event: 'soft-bounce', detail: '4.2.2 mailbox full' },
          {
            at: '2026-11-20T09:00:00.000Z',
            event: 'suppressed',
            reason: 'soft-bounces',
            detail: '4.2.2 mailbox full',
          },
        ],
        publishedAt: new Date(),
      },
    });
    await sam.goto(
      `${cms.url}/admin/content-manager/collection-types/api::mail-suppression.mail-suppression/${blocked.documentId}`,
    );
    // Its history reads as lines in Swedish, not as JSON.
    await sam
      .getByText('Spärrad (Upprepade tillfälliga studsar): 4.2.2 mailbox full')
      .waitFor({ timeout: 30_000 });
    await sam.getByText('Tillfällig studs räknad: 4.2.2 mailbox full').waitFor();
    expect(await sam.getByText('"event"').count()).toBe(0);
    await sam.getByLabel('Varför får e-post gå dit igen?').fill('Brevlådan är tömd, bekräftat i telefon.');
    await sam.getByRole('button', { name: 'Häv spärren' }).click();
    await sam.getByText(/^E-post går till adressen igen\./).waitFor({ timeout: 15_000 });
    // The lift is in the history at once.
    await sam.getByText('Spärren hävd: Brevlådan är tömd, bekräftat i telefon.').waitFor({ timeout: 15_000 });
    await context.close();
    const lifted = await cms.strapi.db
      .query('api::mail-suppression.mail-suppression')
      .findOne({ where: { email: 'full.brevlada@example.se' } });
    expect(lifted.active).toBe(false);
    expect(lifted.history.at(-1)).toMatchObject({ event: 'lifted', by: 'Sam Test' });

    const after = await cms.strapi.db
      .query('api::newsletter-subscription.newsletter-subscription')
      .findOne({ where: { email: 'prenumerant@example.se' } });
    expect(after.subscriptionStatus).toBe('unsubscribed');
    expect(after.statusLog).toEqual([
      expect.objectContaining({
        from: 'confirmed',
        to: 'unsubscribed',
        reason: 'Ringde och bad att slippa nyhetsbrevet.',
        by: 'Sam Test',
      }),
    ]);
  });

  it("shows an event's sign-ups to a guide, and no sign-up panel to an editor", async () => {
    const event = await cms.strapi.documents('api::event.event').create({
      data: {
        title: 'Inflyttarträff i Åre',
        slug: 'inflyttartraff-are',
        startsAt: new Date(Date.now() + 14 * DAY),
        place: 'Biblioteket, Åre',
        signUpOpen: true,
        capacity: 20,
        description: [{ type: 'paragraph', children: [{ type: 'text', text: 'Fika och frågor.' }] }],
      },
      locale: 'sv',
      status: 'published',
    } as never);
    const signUp = await submit(cms.url, '/api/event-registrations', {
      event: 'inflyttartraff-are',
      name: 'Lina Berg',
      email: 'lina.berg@example.se',
      participants: 2,
      language: 'sv',
      consent: true,
    });
    expect(signUp.status, JSON.stringify(signUp.body)).toBe(201);
    const edit = `${cms.url}/admin/content-manager/collection-types/api::event.event/${event.documentId}?plugins[i18n][locale]=sv`;

    await page.goto(edit);
    await page.getByText('2 av 20 platser tagna').waitFor({ timeout: 30_000 });
    await page.getByText('Lina Berg · lina.berg@example.se (2)').waitFor();

    const context = await browser.newContext();
    const eva = await context.newPage();
    await logIntoAdmin(eva, cms.url, 'eva@region.example');
    await eva.getByRole('heading', { name: 'Hej Eva' }).waitFor({ timeout: 30_000 });
    await eva.goto(edit);
    await eva.getByRole('heading', { name: 'Inflyttarträff i Åre' }).waitFor({ timeout: 30_000 });
    expect(await eva.getByText('Anmälningar', { exact: true }).count()).toBe(0);
    expect(await eva.getByText('lina.berg@example.se').count()).toBe(0);
    await context.close();
  });

  it("shows the coordinator the portal's visitor statistics, and a guide no such tab", async () => {
    const hit = (p: string, more: Record<string, string> = {}) =>
      fetch(`${cms.url}/api/stats/hits`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ t: 'view', p, ...more }).toString(),
      });
    for (const p of ['/', '/', '/kommuner/are/']) expect((await hit(p)).status).toBe(204);
    await hit('/', { r: 'https://www.facebook.com/' });
    expect(
      (
        await fetch(`${cms.url}/api/stats/hits`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            t: 'conversion',
            e: 'registration',
            l: '/',
            s: 'facebook.com',
            k: 'are',
          }).toString(),
        })
      ).status,
    ).toBe(204);

    // Greta, a guide, has the register but not the statistics.
    await page.goto(`${cms.url}/admin/tasteget-register`);
    await page.getByRole('tab', { name: 'Min kö' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('tab', { name: 'Besöksstatistik' }).count()).toBe(0);

    const context = await browser.newContext();
    const sam = await context.newPage();
    await logIntoAdmin(sam, cms.url, 'sam@region.example');
    await sam.getByRole('heading', { name: 'Hej Sam' }).waitFor({ timeout: 30_000 });
    await sam.goto(`${cms.url}/admin/tasteget-register`);
    await sam.getByRole('tab', { name: 'Besöksstatistik' }).click();
    await expect.poll(() => sam.locator('[data-total="views"]').textContent(), { timeout: 15_000 }).toBe('4');
    expect(await sam.locator('[data-total="conversions"]').textContent()).toBe('1');
    await sam.getByRole('heading', { name: 'Hänvisande webbplatser' }).waitFor();
    await sam.getByText('facebook.com', { exact: true }).first().waitFor();
    await sam.getByText('/kommuner/are/', { exact: true }).first().waitFor();
    await sam.getByRole('img', { name: /^Sidvisningar per dag/ }).waitFor();
    await context.close();
  });

  it("tells a municipal editor on opening another municipality's story that it is theirs to read only", async () => {
    await adminSession(cms.strapi, cms.url, 'editor-ostersund', 'olle.ostersund@kommun.example', 'Olle');
    const story = async (municipality: string, title: string) => {
      const kommun = (await cms.strapi.documents('api::kommun.kommun').create({
        data: { ...sampleDocument(cms.strapi, 'api::kommun.kommun'), municipality, slug: municipality },
        locale: 'sv',
      } as never)) as unknown as { documentId: string };
      return (
        (await cms.strapi.documents('api::story.story').create({
          data: { ...sampleDocument(cms.strapi, 'api::story.story'), title, kommun: kommun.documentId },
          locale: 'sv',
        } as never)) as unknown as { documentId: string }
      ).documentId;
    };
    const krokom = await story('krokom', 'Livet i Krokom');
    const own = await story('ostersund', 'Livet i Östersund');
    const context = await browser.newContext();
    const olle = await context.newPage();
    await logIntoAdmin(olle, cms.url, 'olle.ostersund@kommun.example');
    await olle.getByRole('heading', { name: 'Hej Olle' }).waitFor({ timeout: 30_000 });
    const edit = (documentId: string) =>
      `${cms.url}/admin/content-manager/collection-types/api::story.story/${documentId}?plugins[i18n][locale]=sv`;
    await olle.goto(edit(krokom));
    await olle
      .getByRole('note')
      .filter({ hasText: /^Det här hör till en annan kommun än din\. Du kan läsa det/ })
      .waitFor({ timeout: 30_000 });
    await olle.getByText('Bara att läsa för dig').waitFor();
    // His own story says nothing of the kind.
    const asked = olle.waitForResponse((r) => r.url().includes('/tasteget/scope') && r.url().includes(own));
    await olle.goto(edit(own));
    expect(await (await asked).json()).toEqual({ data: { mayUpdate: true, reason: null } });
    await olle.getByRole('textbox', { name: /^Rubrik/ }).waitFor({ timeout: 30_000 });
    expect(await olle.getByText('Bara att läsa för dig').count()).toBe(0);
    await context.close();
  });
});
