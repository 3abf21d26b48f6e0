import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession } from '../support/admin';
import { launchChromium, logIntoAdmin } from '../support/browser';
import {
  CAMPAIGN,
  createCampaign,
  NETWORK_CONTACT,
  newsletterId,
  seedContact,
  seedSubscriber,
  SUBSCRIPTION,
} from '../support/newsletter';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * The segment builder in the real admin panel, in Debian's Chromium: the coordinator builds a
 * segment from lists, reads it as a sentence, sees the live count equal a count done in SQL and a
 * sample of the recipients, and saves it; the stored segment is the shared language's, and the
 * JSON field itself is nowhere on the screen.
 */
let cms: TestStrapi;
let browser: Browser;
let page: Page;
let campaign: string;
let invitation: string;

beforeAll(async () => {
  cms = await startStrapi({ PUBLIC_URL: 'http://127.0.0.1' }, { serveAdminPanel: true });
  await adminSession(cms.strapi, cms.url, 'coordinator', 'sam@region.example', 'Sam');
  const { strapi } = cms;
  // Subscribers in Åre and Krokom; some of the Åre ones are households that lived here before.
  for (let i = 0; i < 7; i++) {
    const returner = i < 3;
    const contact = returner
      ? await seedContact(strapi, {
          email: `are${i}@example.se`,
          firstName: `Återvändare${i}`,
          municipalities: ['are'],
        })
      : null;
    if (contact) {
      await strapi.db
        .query('api::contact.contact')
        .update({ where: { id: contact.id }, data: { countyTie: 'lived-here-before' } });
    }
    await seedSubscriber(strapi, {
      email: `are${i}@example.se`,
      municipalities: ['are'],
      ...(contact ? { contactId: contact.id } : {}),
    });
  }
  // One of those in Krokom chose English.
  for (let i = 0; i < 4; i++) {
    await seedSubscriber(strapi, {
      email: `krokom${i}@example.se`,
      municipalities: ['krokom'],
      language: i === 3 ? 'en' : 'sv',
    });
  }
  await seedSubscriber(strapi, {
    email: 'are-pending@example.se',
    municipalities: ['are'],
    status: 'pending',
  });
  campaign = await createCampaign(strapi, { subject: 'Välkommen tillbaka till Åre' });
  // The network: ambassadors (two of whom read the county newsletter), one without consent, an employer.
  const network = [
    ['are0@example.se', 'ambassador', true],
    ['are1@example.se', 'ambassador', true],
    ['ambassador@example.se', 'ambassador', true],
    ['utan-samtycke@example.se', 'ambassador', false],
    ['krokom0@example.se', 'employer', true],
  ] as const;
  for (const [email, kind, consent] of network) {
    await strapi.db.query(NETWORK_CONTACT).create({
      data: {
        email,
        kind,
        name: email.split('@')[0],
        language: 'sv',
        consentAt: consent ? new Date() : null,
      },
    });
  }
  invitation = await createCampaign(strapi, { subject: 'Ambassadörsträff', audience: 'network' });
  browser = await launchChromium();
  page = await browser.newPage();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

type JoinTable = { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
const linkOf = (attribute: string): JoinTable =>
  (cms.strapi.db.metadata.get(SUBSCRIPTION).attributes[attribute] as unknown as { joinTable: JoinTable })
    .joinTable;

/** Network contacts of a kind, with consent, whose address reads the county newsletter, by SQL. */
async function sqlNetworkCount(kind: string): Promise<number> {
  const knex = cms.strapi.db.connection;
  const county = await newsletterId(cms.strapi, 'ta-steget');
  const newsletter = linkOf('newsletter');
  const readers = knex('newsletter_subscriptions as s')
    .join(`${newsletter.name} as n`, `n.${newsletter.joinColumn.name}`, 's.id')
    .where(`n.${newsletter.inverseJoinColumn.name}`, county)
    .andWhere('s.subscription_status', 'confirmed')
    .select('s.email');
  const [{ n }] = await knex('network_contacts')
    .where({ kind })
    .whereNotNull('consent_at')
    .whereIn('email', readers)
    .count({ n: '*' });
  return Number(n);
}

/** What the database says the segment selects: confirmed county subscribers in Åre, by SQL. */
async function sqlCount(returnersOnly: boolean): Promise<number> {
  const knex = cms.strapi.db.connection;
  const county = await newsletterId(cms.strapi, 'ta-steget');
  const newsletter = linkOf('newsletter');
  const query = knex('newsletter_subscriptions as s')
    .join(`${newsletter.name} as n`, `n.${newsletter.joinColumn.name}`, 's.id')
    .where(`n.${newsletter.inverseJoinColumn.name}`, county)
    .andWhere('s.subscription_status', 'confirmed')
    .andWhere('s.municipalities', 'like', '%"are"%');
  if (returnersOnly) {
    const contact = linkOf('contact');
    query
      .join(`${contact.name} as c`, `c.${contact.joinColumn.name}`, 's.id')
      .join('contacts as k', 'k.id', `c.${contact.inverseJoinColumn.name}`)
      .andWhere('k.county_tie', 'lived-here-before');
  }
  const [{ n }] = await query.count({ n: '*' });
  return Number(n);
}

describe('the segment builder', () => {
  it('builds a segment from lists, counts it as SQL does, and saves the shared language', async () => {
    // A browser new to the admin opens its login page in Swedish, naming the programme.
    await page.goto(`${cms.url}/admin/auth/login`);
    await page.getByRole('heading', { name: 'Välkommen till Ta Steget' }).waitFor({ timeout: 30_000 });
    await logIntoAdmin(page, cms.url, 'sam@region.example');
    await page.getByRole('heading', { name: 'Hej Sam' }).waitFor({ timeout: 30_000 });

    await page.goto(`${cms.url}/admin/content-manager/collection-types/${CAMPAIGN}/${campaign}`);
    await page.getByText('Alla i målgruppen.').waitFor({ timeout: 30_000 });
    // The campaign is in Swedish; the panel says who of the audience chose English.
    const otherLanguage = page.getByText(/^1 mottagare har valt engelska, och utskicket är på svenska\./);
    await otherLanguage.waitFor({ timeout: 15_000 });
    // No one types JSON: the field is not on the form.
    expect(await page.getByLabel('Urval', { exact: true }).count()).toBe(0);

    await page.getByRole('combobox', { name: 'Lägg till villkor' }).click();
    await page.getByRole('option', { name: 'Kommun av intresse' }).click();
    await page.getByRole('group', { name: '1. Kommun av intresse' }).getByText('Åre').click();
    await page.getByText('Mottagare som uppfyller alla villkor: kommun av intresse är Åre.').waitFor();
    await page.getByText(`Mottagare just nu: ${await sqlCount(false)}`).waitFor({ timeout: 15_000 });
    expect(await sqlCount(false)).toBe(7);
    // Those in Åre all chose Swedish.
    expect(await otherLanguage.count()).toBe(0);
    const sample = page.getByRole('list', { name: 'Några av dem' }).getByRole('listitem');
    await expect.poll(() => sample.count()).toBe(7);
    expect(await sample.first().textContent()).toContain('Återvändare0 · are0@example.se (Åre)');

    // Narrowed to those who lived here before: a target group of its own.
    await page.getByRole('combobox', { name: 'Lägg till villkor' }).click();
    await page.getByRole('option', { name: 'Band till länet' }).click();
    await page.getByRole('group', { name: '2. Band till länet' }).getByText('Har bott här tidigare').click();
    await page
      .getByText(
        'Mottagare som uppfyller alla villkor: kommun av intresse är Åre; band till länet: har bott här tidigare.',
      )
      .waitFor();
    expect(await sqlCount(true)).toBe(3);
    await page.getByText('Mottagare just nu: 3').waitFor({ timeout: 15_000 });

    // An empty choice is named, in Swedish, before anything is sent.
    await page.getByRole('combobox', { name: 'Lägg till villkor' }).click();
    await page.getByRole('option', { name: 'Ämnen' }).click();
    await page.getByText('Villkor 3: Välj minst ett värde.').waitFor();
    // Said once, beside the condition: the count waits for it instead of repeating it.
    await page.getByText('Mottagarna räknas när varje villkor är ifyllt.').waitFor({ timeout: 15_000 });
    expect(await page.getByText(/Välj minst ett värde/).count()).toBe(1);
    await page
      .getByRole('group', { name: '3. Ämnen' })
      .getByRole('button', { name: 'Ta bort villkoret' })
      .click();

    await page.getByRole('button', { name: 'Spara' }).click();
    const stored = async () =>
      (
        (await cms.strapi.db.query(CAMPAIGN).findOne({ where: { documentId: campaign } })) as {
          segment: unknown;
        }
      ).segment;
    await expect.poll(stored, { timeout: 15_000 }).toEqual({
      match: 'all',
      conditions: [
        { kind: 'municipality', anyOf: ['are'] },
        { kind: 'countyTie', anyOf: ['lived-here-before'] },
      ],
    });

    // "Skicka" asks first, naming how many it goes to; declined, nothing is sent.
    const asked = new Promise<string>((resolve) =>
      page.once('dialog', (dialog) => {
        resolve(dialog.message());
        void dialog.dismiss();
      }),
    );
    await page.getByRole('button', { name: 'Skicka', exact: true }).click();
    expect(await asked).toBe('Skicka utskicket till 3 mottagare nu? Det går inte att ångra.');
    expect(
      (
        (await cms.strapi.db.query(CAMPAIGN).findOne({ where: { documentId: campaign } })) as {
          campaignStatus: string;
        }
      ).campaignStatus,
    ).toBe('draft');

    // Accepted, it goes, and the form beside the panel shows the sending's status and count
    // without a reload (a save of the stale draft would be refused).
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Skicka', exact: true }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Status' }).textContent(), { timeout: 15_000 })
      .toMatch(/Skickas|Skickad/);
    await expect.poll(() => page.getByLabel('Antal mottagare').inputValue(), { timeout: 15_000 }).toBe('3');
  }, 180_000);

  it('invites a network by kind and by the newsletter its members read', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${CAMPAIGN}/${invitation}`);
    await page.getByText('Alla i målgruppen.').waitFor({ timeout: 30_000 });
    await page.getByText('Mottagare just nu: 4').waitFor({ timeout: 15_000 });

    await page.getByRole('combobox', { name: 'Lägg till villkor' }).click();
    await page.getByRole('option', { name: 'Typ av nätverkskontakt' }).click();
    await page.getByRole('group', { name: '1. Typ av nätverkskontakt' }).getByText('Ortsambassadör').click();
    await page.getByText('Mottagare just nu: 3').waitFor({ timeout: 15_000 });

    // The newsletters come from the register, by name; the segment stores their slugs.
    await page.getByRole('combobox', { name: 'Lägg till villkor' }).click();
    await page.getByRole('option', { name: 'Prenumererar på något av nyhetsbreven', exact: true }).click();
    await page
      .getByRole('group', { name: '2. Prenumererar på något av nyhetsbreven' })
      .getByText('Ta Stegets nyhetsbrev')
      .click();
    await page
      .getByText(
        'Mottagare som uppfyller alla villkor: nätverkskontakt av typen ortsambassadör; bekräftad prenumerant på Ta Stegets nyhetsbrev.',
      )
      .waitFor();
    const expected = await sqlNetworkCount('ambassador');
    expect(expected).toBe(2);
    await page.getByText(`Mottagare just nu: ${expected}`).waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Spara' }).click();
    await expect
      .poll(
        async () =>
          (
            (await cms.strapi.db.query(CAMPAIGN).findOne({ where: { documentId: invitation } })) as {
              segment: unknown;
            }
          ).segment,
        { timeout: 15_000 },
      )
      .toEqual({
        match: 'all',
        conditions: [
          { kind: 'networkKind', anyOf: ['ambassador'] },
          { kind: 'newsletter', anyOf: ['ta-steget'] },
        ],
      });
  }, 180_000);

  it("shows a sent campaign's segment as a sentence, with nothing to change", async () => {
    const sent = await createCampaign(cms.strapi, {
      subject: 'Redan skickad',
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['krokom'] }] },
    });
    await cms.strapi.db
      .query(CAMPAIGN)
      .update({ where: { documentId: sent }, data: { campaignStatus: 'sent', sentAt: new Date() } });
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${CAMPAIGN}/${sent}`);
    await page.getByText('Urval (låst sedan utskicket startade)').waitFor({ timeout: 30_000 });
    await page.getByText('Mottagare som uppfyller alla villkor: kommun av intresse är Krokom.').waitFor();
    expect(await page.getByRole('combobox', { name: 'Lägg till villkor' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ta bort villkoret' }).count()).toBe(0);
    // Its progress is a bar with a value assistive technology reads (an indeterminate one is -1).
    const bar = page.getByRole('progressbar', { name: /klart/ });
    expect(await bar.evaluate((el) => (el as HTMLProgressElement).position)).toBeGreaterThanOrEqual(0);
  }, 180_000);

  it('shows a guide why they cannot send a county-wide campaign instead of a "Skicka" the server refuses', async () => {
    const guide = await adminSession(cms.strapi, cms.url, 'guide', 'greta.are@kommun.example', 'Greta');
    await cms.strapi.db
      .query('api::guide-assignment.guide-assignment')
      .create({ data: { user: guide.id, queue: 'are', receivesReminders: false } });
    const countyWide = await createCampaign(cms.strapi, { subject: 'Till hela länet' });
    const context = await browser.newContext();
    const greta = await context.newPage();
    await logIntoAdmin(greta, cms.url, 'greta.are@kommun.example');
    await greta.goto(`${cms.url}/admin/content-manager/collection-types/${CAMPAIGN}/${countyWide}`);
    await greta
      .getByText(/^Som flyttvägledare skickar du bara till ett urval begränsat/)
      .waitFor({ timeout: 30_000 });
    expect(await greta.getByRole('button', { name: 'Skicka', exact: true }).count()).toBe(0);

    // Once it is limited to Åre and saved, it is hers to send.
    await cms.strapi.db.query(CAMPAIGN).updateMany({
      where: { documentId: countyWide },
      data: { segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['are'] }] } },
    });
    await greta.reload();
    await greta.getByRole('button', { name: 'Skicka', exact: true }).waitFor({ timeout: 30_000 });
    expect(await greta.getByText(/^Som flyttvägledare skickar du bara/).count()).toBe(0);
    await context.close();
  }, 180_000);
});
