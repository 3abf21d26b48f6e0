import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type AdminSession } from '../support/admin';
import { startIntakeCms } from '../support/fixtures';
import { intakeSettled, magazineOrder, registration, submit, uniqueEmail } from '../support/portal';

/**
 * The register's data as people give it: phones in E.164 and postcodes in their written form,
 * through the portal and the admin, and found again whichever way they are typed.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let guide: AdminSession;
const CONTACTS = '/content-manager/collection-types/api::contact.contact';

beforeAll(async () => {
  cms = await startIntakeCms();
  guide = await adminSession(cms.app.strapi, cms.app.url, 'guide', 'guide@integritet.example');
  await cms.app.strapi.db.query('api::guide-assignment.guide-assignment').create({
    data: { user: guide.id, queue: 'krokom', receivesReminders: false, publishedAt: new Date() },
  });
});
afterAll(async () => {
  await cms?.stop();
});

const contactRow = (email: string) =>
  cms.app.strapi.db.query('api::contact.contact').findOne({ where: { email } });

describe('phone numbers', () => {
  it('are stored in E.164 from the portal, and a number invalid for its country is a 400 on the field', async () => {
    const email = uniqueEmail('telefon');
    const res = await submit(
      cms.app.url,
      '/api/registrations',
      registration({ email, phone: '0046 70-123 45 67', municipalities: ['krokom'] }),
    );
    expect(res.status).toBe(201);
    await intakeSettled(cms.app.strapi);
    expect((await contactRow(email)).phone).toBe('+46701234567');

    const bad = await submit(
      cms.app.url,
      '/api/registrations',
      registration({ email: uniqueEmail('fel'), phone: '070-12 34', preferredChannel: 'phone' }),
      { 'Accept-Language': 'en' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.details?.errors?.map((e) => e.path.join('.'))).toEqual(['phone']);
  });

  it('are stored in E.164 from the admin, refused when invalid, and found whichever way they are typed', async () => {
    const created = await guide.fetch(CONTACTS, {
      body: {
        firstName: 'Nils',
        email: 'nils@example.se',
        phone: '070-765 43 21',
        preferredChannel: 'phone',
        municipalities: ['krokom'],
        source: 'event',
        language: 'sv',
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await contactRow('nils@example.se')).phone).toBe('+46707654321');

    const { documentId } = (await contactRow('nils@example.se')) as { documentId: string };
    const invalid = await guide.fetch(`${CONTACTS}/${documentId}`, {
      method: 'PUT',
      body: { phone: '12 34' },
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(
      /^Telefonnumret är inte giltigt.* \/ The phone number is not valid/,
    );
    expect((await contactRow('nils@example.se')).phone).toBe('+46707654321');

    // A wrong phone with a wrong address: both fields are named at once, nothing is saved.
    const twoWrong = await guide.fetch(`${CONTACTS}/${documentId}`, {
      method: 'PUT',
      body: { phone: '12 34', email: 'inte-en-adress', householdSize: 2.5 },
    });
    expect(twoWrong.status).toBe(400);
    const refusal = (await twoWrong.json()) as {
      error: { message: string; details: { errors: { path: string[]; message: string }[] } };
    };
    expect(refusal.error.details.errors.map((e) => e.path.join('.')).sort()).toEqual([
      'email',
      'householdSize',
      'phone',
    ]);
    expect(refusal.error.message).toMatch(/^3 fält behöver rättas: .*Telefon.* \/ 3 fields need correcting/);
    expect(refusal.error.details.errors.find((e) => e.path[0] === 'email')?.message).toMatch(
      /ange en giltig e-postadress/,
    );
    expect(await contactRow('nils@example.se')).toMatchObject({ phone: '+46707654321' });

    // Whole or in part, its leading 0 the national prefix or a digit inside.
    for (const typed of [
      '0707654321',
      '070-765 43 21',
      '+46 70 765 43 21',
      '765 43 21',
      '070-76',
      '076 54',
    ]) {
      const found = await guide.fetch(`${CONTACTS}?_q=${encodeURIComponent(typed)}`);
      const body = (await found.json()) as { results: { email: string }[] };
      expect(
        body.results.map((r) => r.email),
        typed,
      ).toEqual(['nils@example.se']);
    }
  });
});

describe('where a contact came from', () => {
  it('is "entered by staff" for a contact made in the admin without a source, and no form may claim it', async () => {
    const created = await guide.fetch(CONTACTS, {
      body: {
        firstName: 'Stina',
        email: 'stina.staff@example.se',
        preferredChannel: 'email',
        municipalities: ['krokom'],
        language: 'sv',
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect((await contactRow('stina.staff@example.se')).source).toBe('staff');

    const claimed = await submit(cms.app.url, '/api/registrations', {
      ...registration({ email: uniqueEmail('kalla') }),
      source: 'staff',
    });
    expect(claimed.status).toBe(400);
    expect(claimed.body.error?.details?.errors?.map((e) => e.path.join('.'))).toEqual(['source']);
  });
});

describe('postcodes', () => {
  it('are stored as NNN NN however a Swedish one was typed', async () => {
    const email = uniqueEmail('post');
    const res = await submit(
      cms.app.url,
      '/api/magazine-orders',
      magazineOrder({
        email,
        postalAddress: { street: 'Storgatan 1', postalCode: '83130', city: 'Östersund' },
      }),
    );
    expect(res.status).toBe(201);
    const order = await cms.app.strapi.db
      .query('api::magazine-order.magazine-order')
      .findOne({ where: { email }, populate: { address: true } });
    expect(order.address.postalCode).toBe('831 30');
  });
});

describe('the consent log', () => {
  const consentsOf = async (email: string) =>
    (
      (await cms.app.strapi.db
        .query('api::consent-record.consent-record')
        .findMany({ where: { email }, orderBy: { id: 'asc' } })) as {
        kind: string;
        event: string;
        source: string;
        textVersion: string | null;
        recordedBy: string | null;
      }[]
    ).map(
      (r) =>
        `${r.kind} ${r.event} ${r.source}${r.recordedBy ? ` ${r.recordedBy}` : ''}${r.textVersion ? ` ${r.textVersion}` : ''}`,
    );

  it('appends what a person gives and takes back through the form and the links', async () => {
    const email = uniqueEmail('samtycke');
    const body = registration({ email, municipalities: ['krokom'], newsletterConsent: true });
    expect((await submit(cms.app.url, '/api/registrations', body)).status).toBe(201);
    await intakeSettled(cms.app.strapi);
    expect(await consentsOf(email)).toEqual(['contact given form 2026-01', 'newsletter given form 2026-01']);

    // The logs are the platform's: the contact's own guide cannot unlink them through the card.
    const card = (await contactRow(email)) as { documentId: string };
    const linked = async (uid: string) =>
      (await cms.app.strapi.db.query(uid as never).findMany({
        where: { contact: { documentId: card.documentId } },
        select: ['documentId'],
      })) as { documentId: string }[];
    const consents = await linked('api::consent-record.consent-record');
    const activities = await linked('api::contact-activity.contact-activity');
    expect(activities.length).toBeGreaterThan(0);
    await guide.fetch(`${CONTACTS}/${card.documentId}`, {
      method: 'PUT',
      body: {
        consentRecords: { disconnect: consents.map((r) => ({ documentId: r.documentId })) },
        activities: { disconnect: activities.map((r) => ({ documentId: r.documentId })) },
      },
    });
    expect(await linked('api::consent-record.consent-record')).toHaveLength(2);
    expect(await linked('api::contact-activity.contact-activity')).toHaveLength(activities.length);

    // Nor take another household's subscription and order onto this card: they stay with theirs.
    const otherEmail = uniqueEmail('annan');
    const other = registration({
      email: otherEmail,
      municipalities: ['ostersund'],
      newsletterConsent: true,
      magazine: {
        edition: 'ta-steget-2026',
        quantity: 1,
        postalAddress: { street: 'Kyrkvägen 2', postalCode: '837 52', city: 'Järpen' },
      },
    });
    expect((await submit(cms.app.url, '/api/registrations', other)).status).toBe(201);
    await intakeSettled(cms.app.strapi);
    const owner = async (uid: string) =>
      (await cms.app.strapi.db.query(uid as never).findOne({
        where: { email: otherEmail },
        populate: { contact: { select: ['email'] } },
      })) as { documentId: string; contact: { email: string } | null };
    const theirSubscription = await owner('api::newsletter-subscription.newsletter-subscription');
    const theirOrder = await owner('api::magazine-order.magazine-order');
    expect(theirSubscription.contact?.email).toBe(otherEmail);
    expect(theirOrder.contact?.email).toBe(otherEmail);
    await guide.fetch(`${CONTACTS}/${card.documentId}`, {
      method: 'PUT',
      body: {
        newsletterSubscriptions: { connect: [{ documentId: theirSubscription.documentId }] },
        magazineOrders: { connect: [{ documentId: theirOrder.documentId }] },
      },
    });
    expect((await owner('api::newsletter-subscription.newsletter-subscription')).contact?.email).toBe(
      otherEmail,
    );
    expect((await owner('api::magazine-order.magazine-order')).contact?.email).toBe(otherEmail);

    const subscription = await cms.app.strapi.db
      .query('api::newsletter-subscription.newsletter-subscription')
      .findOne({ where: { email } });
    const post = (path: string) => fetch(`${cms.app.url}${path}`, { method: 'POST' });
    expect((await post(`/api/newsletter/confirm?token=${subscription.confirmToken}`)).status).toBe(200);
    expect((await post(`/api/newsletter/unsubscribe?token=${subscription.unsubscribeToken}`)).status).toBe(
      200,
    );
    expect(await consentsOf(email)).toEqual([
      'contact given form 2026-01',
      'newsletter given form 2026-01',
      'newsletter given link 2026-01',
      'newsletter withdrawn link 2026-01',
    ]);
  });

  it('lets a person withdraw consent to be contacted from the receipt: out of the queue, kept, noted on the card', async () => {
    const email = uniqueEmail('aterkalla');
    expect(
      (await submit(cms.app.url, '/api/registrations', registration({ email, municipalities: ['krokom'] })))
        .status,
    ).toBe(201);
    await intakeSettled(cms.app.strapi);
    const queued = async () =>
      (
        (await (await guide.fetch('/tasteget/queue?queue=krokom')).json()) as {
          data: Record<string, { email: string }[]>;
        }
      ).data;
    const inQueue = async () =>
      Object.values(await queued())
        .filter(Array.isArray)
        .flat()
        .some((c) => c.email === email);
    expect(await inQueue()).toBe(true);

    const [receipt] = await cms.smtp.waitFor(1, (m) => m.envelopeTo.includes(email));
    const link = /https?:\/\/\S+\/api\/contact-consent\/withdraw\?token=[\w.%-]+/
      .exec(receipt.parsed.text!)![0]
      .replace(/^https?:\/\/[^/]+/, cms.app.url);
    // The link shows a page; only its button acts.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const shown = await page.text();
    expect(shown).toContain('Återkalla samtycket');
    // Where to ask for the details to go now, not only "write to us".
    expect(shown).toContain(
      'vill du att de tas bort nu, skriv till <a href="mailto:info@tasteget.nu">info@tasteget.nu</a>.',
    );
    expect((await contactRow(email)).contactConsentWithdrawnAt).toBeNull();

    const withdrawn = await fetch(link, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'via=page',
    });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.text()).toContain('Ditt samtycke är återkallat');
    // The link opened again says it is done, with no button.
    const again = await (await fetch(link)).text();
    expect(again).toContain('Ditt samtycke är återkallat');
    expect(again).not.toContain('<form');
    const row = await cms.app.strapi.db
      .query('api::contact.contact')
      .findOne({ where: { email }, populate: { activities: true } });
    expect(row).toMatchObject({ contactConsentAt: null });
    expect(row.contactConsentWithdrawnAt).not.toBeNull();
    expect(row.activities.map((a: { summary: string }) => a.summary).join('\n')).toMatch(
      /Återkallade sitt samtycke till kontakt \(via länken i mejlet\)/,
    );
    expect(await inQueue()).toBe(false);
    // …and the queue carries a note not to contact them.
    expect(
      ((await queued()).withdrawn as unknown as { documentId: string }[]).map((n) => n.documentId),
    ).toEqual([row.documentId]);
    expect(await consentsOf(email)).toEqual(['contact given form 2026-01', 'contact withdrawn link']);

    // Again: nothing more happens. A forged token is refused.
    expect((await fetch(link, { method: 'POST' })).status).toBe(200);
    expect(await consentsOf(email)).toHaveLength(2);
    expect(
      (await fetch(link.replace(/token=[^&]+/, `token=${row.documentId}.${'x'.repeat(43)}`))).status,
    ).toBe(400);

    // The guide records, with their name, that the person gave it again on the phone.
    const given = await guide.fetch(`/tasteget/contacts/${row.documentId}/consent`, {
      body: { event: 'given' },
    });
    expect(given.status, await given.clone().text()).toBe(200);
    expect(await consentsOf(email)).toEqual([
      'contact given form 2026-01',
      'contact withdrawn link',
      'contact given guide guide Test 2026-01',
    ]);
    expect(await inQueue()).toBe(true);
  });
});

describe('magazine orders saved in the admin', () => {
  const ORDERS = '/content-manager/collection-types/api::magazine-order.magazine-order';
  const order = {
    name: 'Erik Svensson',
    email: 'erik.order@example.se',
    address: { street: 'Storgatan 1', postalCode: '831 30', city: 'Östersund', country: 'SE' },
    quantity: 1,
    language: 'sv',
    orderStatus: 'new',
  };

  it('are refused without an edition, and keep the one they have', async () => {
    const coordinator = await adminSession(
      cms.app.strapi,
      cms.app.url,
      'coordinator',
      'samordnare@integritet.example',
    );
    const before = await cms.app.strapi.db.query('api::magazine-order.magazine-order').count();
    const missing = await coordinator.fetch(ORDERS, { body: order });
    expect(missing.status).toBe(400);
    const refusal = (await missing.json()) as {
      error: { message: string; details: { errors: { path: string[] }[] } };
    };
    expect(refusal.error.message).toMatch(
      /^Utgåva: fältet måste fyllas i\. \/ Edition: the field must be filled in\./,
    );
    expect(refusal.error.details.errors.map((e) => e.path.join('.'))).toEqual(['edition']);
    expect(await cms.app.strapi.db.query('api::magazine-order.magazine-order').count()).toBe(before);

    const edition = (await cms.app.strapi.db
      .query('api::magazine-edition.magazine-edition')
      .findOne({ where: { year: 2026 } })) as { documentId: string };
    const created = await coordinator.fetch(ORDERS, {
      body: { ...order, edition: { connect: [{ documentId: edition.documentId, locale: 'sv' }] } },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { data } = (await created.json()) as { data: { documentId: string } };

    const takenAway = await coordinator.fetch(`${ORDERS}/${data.documentId}`, {
      method: 'PUT',
      body: {
        orderStatus: 'shipped',
        edition: { disconnect: [{ documentId: edition.documentId, locale: 'sv' }] },
      },
    });
    expect(takenAway.status).toBe(400);
    const kept = (await cms.app.strapi.db.query('api::magazine-order.magazine-order').findOne({
      where: { documentId: data.documentId },
      populate: { edition: true },
    })) as { orderStatus: string; edition: { documentId: string } | null };
    expect(kept).toMatchObject({ orderStatus: 'new', edition: { documentId: edition.documentId } });

    const shipped = await coordinator.fetch(`${ORDERS}/${data.documentId}`, {
      method: 'PUT',
      body: { orderStatus: 'shipped' },
    });
    expect(shipped.status, await shipped.clone().text()).toBe(200);
  });
});
