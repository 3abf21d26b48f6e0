import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession } from '../support/admin';
import { startIntakeCms } from '../support/fixtures';
import {
  createCampaign,
  NETWORK_CONTACT,
  NEWSLETTER,
  newsletter,
  oneClickUnsubscribe,
  SUBSCRIPTION,
  waitUntilSent,
} from '../support/newsletter';
import { post, submit, subscription, uniqueEmail } from '../support/portal';
import type { ReceivedMail, TestSmtp } from '../support/smtp';
import type { TestStrapi } from '../support/strapi';

/**
 * Several newsletters: a person subscribes to two in one form, confirms both with one mail, leaves
 * one by the RFC 8058 one-click of its mail and the other in the preference centre, and gets the
 * right campaigns before and after. Over real HTTP, with a real SMTP server and the real worker.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let app: TestStrapi;
let smtp: TestSmtp;
const PUBLIC_URL = 'https://cms.tasteget.example';
let local: { documentId: string; slug: string };
let network: { documentId: string; slug: string };

beforeAll(async () => {
  cms = await startIntakeCms({ NEWSLETTER_POLL_MS: '100', PUBLIC_URL });
  ({ app, smtp } = cms);
  local = await app.strapi.db.query(NEWSLETTER).create({
    data: { name: 'Nyinflyttad i Krokom', nameEn: 'New in Krokom', slug: 'nyinflyttad-krokom', listed: true },
  });
  network = await app.strapi.db.query(NEWSLETTER).create({
    data: { name: 'Ambassadörsbrevet', slug: 'ambassadorsbrevet', listed: false },
  });
}, 120_000);
afterAll(async () => {
  await cms?.stop();
});

/** A link of a mail, pointed at the CMS under test. */
const linkIn = (mail: ReceivedMail, pattern: RegExp) => {
  const found = pattern.exec(mail.parsed.text ?? '');
  if (!found) throw new Error(`No ${pattern} in:\n${mail.parsed.text}`);
  return found[0].replace(PUBLIC_URL, app.url);
};

const rowsOf = async (email: string) =>
  (await app.strapi.db.query(SUBSCRIPTION).findMany({
    where: { email },
    populate: { newsletter: { select: ['slug'] } },
    orderBy: { id: 'asc' },
  })) as { subscriptionStatus: string; unsubscribeToken: string; newsletter: { slug: string } }[];
const statusBySlug = async (email: string) =>
  Object.fromEntries((await rowsOf(email)).map((r) => [r.newsletter.slug, r.subscriptionStatus]));

/** Sends a campaign of a newsletter and returns who received it. */
async function campaignTo(
  newsletterDocumentId: string | undefined,
  subject: string,
  audience: Pick<Parameters<typeof createCampaign>[1], 'audience' | 'segment'> = {},
) {
  const documentId = await createCampaign(app.strapi, {
    subject,
    newsletter: newsletterDocumentId,
    ...audience,
  });
  try {
    await newsletter.freeze.freezeCampaign(app.strapi, documentId);
  } catch (error) {
    // A campaign that reaches no one is not sent at all: no one received it.
    if (/^Urvalet når ingen mottagare/.test((error as Error).message)) return [];
    throw error;
  }
  await waitUntilSent(app.strapi, documentId);
  return smtp.mails.filter((m) => m.parsed.subject === subject);
}

const withoutVersion = (summary: string) => summary.replace(/ – text .*$/, '');

const formPost = (url: string, fields: [string, string][]) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: app.url },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

/** A form's save answers 303 to the page (post, redirect, get): the page it leads to. */
async function pageAfter(saved: Response): Promise<string> {
  expect(saved.status).toBe(303);
  return (await fetch(new URL(saved.headers.get('location')!, app.url))).text();
}

describe('several newsletters', () => {
  it('offers the listed newsletters publicly, the county first, and no unlisted one', async () => {
    const res = await fetch(`${app.url}/api/newsletter/lists`);
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { slug: string; name: string }[] };
    expect(data[0].slug).toBe('ta-steget');
    expect(data.map((n) => n.slug)).toContain(local.slug);
    expect(data.map((n) => n.slug)).not.toContain(network.slug);
    // What a visitor may read, and nothing of the register.
    expect(Object.keys(data[0]).sort()).toEqual(['description', 'descriptionEn', 'name', 'nameEn', 'slug']);
  });

  it('refuses a newsletter that is not offered, in Swedish and English, storing nothing', async () => {
    const email = uniqueEmail('ej');
    for (const slug of [network.slug, 'finns-inte']) {
      const res = await submit(
        app.url,
        '/api/newsletter/subscriptions',
        subscription({ email, newsletters: [slug] }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error?.details.errors?.[0]).toMatchObject({
        path: ['newsletters'],
        message: 'Välj bland nyhetsbreven som erbjuds.',
      });
    }
    const english = await submit(
      app.url,
      '/api/newsletter/subscriptions',
      subscription({ email, newsletters: [network.slug], language: 'en' }),
      { 'Accept-Language': 'en' },
    );
    expect(english.body.error?.details.errors?.[0].message).toBe('Choose among the newsletters offered.');
    expect(await rowsOf(email)).toEqual([]);
  });

  it('subscribes to two, confirms both with one mail, and leaves each on its own', async () => {
    const email = uniqueEmail('tva');
    const res = await submit(
      app.url,
      '/api/newsletter/subscriptions',
      subscription({ email, newsletters: ['ta-steget', local.slug] }),
    );
    expect(res.status).toBe(201);
    const [optIn, ...more] = await smtp.waitFor(1, (m) => m.envelopeTo.includes(email));
    expect(more).toEqual([]);
    expect(optIn.parsed.subject).toBe(
      'Bekräfta din prenumeration: Ta Stegets nyhetsbrev, Nyinflyttad i Krokom',
    );
    // Its answer comes back to the register: a signed reply address, not a dead end.
    expect(optIn.parsed.replyTo?.value[0].address).toMatch(/^svar\+s-[a-z0-9]+\.[a-z2-7]{20}@/);
    expect(await statusBySlug(email)).toEqual({ 'ta-steget': 'pending', [local.slug]: 'pending' });

    const confirm = linkIn(optIn, /https?:\/\/\S+\/api\/newsletter\/confirm\?token=[\w-]+/);
    const page = await fetch(confirm);
    expect(await page.text()).toContain('Ta Stegets nyhetsbrev, Nyinflyttad i Krokom');
    expect((await fetch(confirm, { method: 'POST' })).status).toBe(200);
    expect(await statusBySlug(email)).toEqual({ 'ta-steget': 'confirmed', [local.slug]: 'confirmed' });
    const consents = (await app.strapi.db.query('api::consent-record.consent-record').findMany({
      where: { email, source: 'link' },
    })) as { summary: string }[];
    expect(consents.map((c) => withoutVersion(c.summary)).sort()).toEqual([
      'Nyhetsbrev (Nyinflyttad i Krokom): givet via länk i mejl',
      'Nyhetsbrev (Ta Stegets nyhetsbrev): givet via länk i mejl',
    ]);

    // Each newsletter's campaign reaches the person.
    const county1 = await campaignTo(undefined, 'Länet i december');
    const local1 = await campaignTo(local.documentId, 'Krokom i december');
    expect(county1.map((m) => m.envelopeTo).flat()).toContain(email);
    expect(local1.map((m) => m.envelopeTo).flat()).toContain(email);
    // Each mail names the newsletter it is for as the reason.
    const reasonIn = (mails: ReceivedMail[]) =>
      mails.find((m) => m.envelopeTo.includes(email))!.parsed.text?.replace(/\s+/g, ' ');
    expect(reasonIn(county1)).toContain(
      'Du får det här brevet eftersom du prenumererar på Ta Stegets nyhetsbrev.',
    );
    expect(reasonIn(local1)).toContain(
      'Du får det här brevet eftersom du prenumererar på Nyinflyttad i Krokom.',
    );
    // …and as its List-Id, so a mail program files each newsletter apart.
    const listIdIn = (mails: ReceivedMail[]) =>
      mails
        .find((m) => m.envelopeTo.includes(email))!
        .raw.split('\r\n')
        .find((line) => line.startsWith('List-ID: '));
    expect(listIdIn(county1)).toMatch(/^List-ID: "Ta Stegets nyhetsbrev" <ta-steget\.[a-z.]+>$/);
    expect(listIdIn(local1)).toMatch(/^List-ID: "Nyinflyttad i Krokom" <nyinflyttad-krokom\.[a-z.]+>$/);

    // RFC 8058 one-click from the county mail: the county newsletter ends, the local one goes on.
    const countyMail = county1.find((m) => m.envelopeTo.includes(email))!;
    const left = await oneClickUnsubscribe(countyMail.raw, app.url);
    expect(left.status).toBe(200);
    expect(await statusBySlug(email)).toEqual({ 'ta-steget': 'unsubscribed', [local.slug]: 'confirmed' });
    expect((await campaignTo(undefined, 'Länet i januari')).flatMap((m) => m.envelopeTo)).not.toContain(
      email,
    );
    expect((await campaignTo(local.documentId, 'Krokom i januari')).flatMap((m) => m.envelopeTo)).toContain(
      email,
    );

    // The local mail's unsubscribe page leads to the preference centre, which works without
    // JavaScript: leave the local newsletter, come back to the county's, change topics.
    const localMail = smtp.mails.find(
      (m) => m.parsed.subject === 'Krokom i januari' && m.envelopeTo.includes(email),
    )!;
    const unsubscribePage = await (
      await fetch(linkIn(localMail, /https?:\/\/\S+\/api\/newsletter\/unsubscribe\?token=[\w-]+/))
    ).text();
    const preferencesPath = /href="(\/api\/newsletter\/preferences\?token=[^"]+)"/.exec(unsubscribePage)![1];
    const preferences = `${app.url}${preferencesPath.replace(/&amp;/g, '&')}`;
    const form = await (await fetch(preferences)).text();
    expect(form).toContain('<form method="post"');
    expect(form).toContain(`value="${local.slug}" checked`);
    expect(form).toMatch(/value="ta-steget">/);
    expect(form).not.toContain(network.slug);
    expect(form).not.toContain(email); // masked
    const saved = await formPost(preferences, [
      ['newsletters', 'ta-steget'],
      ['interests', 'housing'],
      ['municipalities', 'krokom'],
      ['language', 'en'],
      ['action', 'save'],
    ]);
    const savedPage = await pageAfter(saved);
    expect(savedPage).toContain('Your choices are saved.');
    expect(savedPage).toContain(`value="${local.slug}">`);
    expect(await statusBySlug(email)).toEqual({ 'ta-steget': 'confirmed', [local.slug]: 'unsubscribed' });
    const rows = (await app.strapi.db.query(SUBSCRIPTION).findMany({ where: { email } })) as {
      interests: string[];
      municipalities: string[];
      language: string;
    }[];
    for (const row of rows)
      expect(row).toMatchObject({ interests: ['housing'], municipalities: ['krokom'], language: 'en' });
    expect((await campaignTo(undefined, 'Länet i februari')).flatMap((m) => m.envelopeTo)).toContain(email);
    expect(
      (await campaignTo(local.documentId, 'Krokom i februari')).flatMap((m) => m.envelopeTo),
    ).not.toContain(email);

    // Saved with no newsletter ticked: the page says that none are left.
    const none = await formPost(preferences, [
      ['language', 'en'],
      ['action', 'save'],
    ]);
    expect(await pageAfter(none)).toContain(
      'Your choices are saved. You now get no newsletters from Ta Steget.',
    );
    expect(await statusBySlug(email)).toEqual({ 'ta-steget': 'unsubscribed', [local.slug]: 'unsubscribed' });

    // Leave all: nothing more.
    const all = await formPost(preferences, [['action', 'leave-all']]);
    expect(await pageAfter(all)).toContain(
      'You will receive no more newsletters or invitations from Ta Steget.',
    );
    // The page itself, reloaded or opened again, says nothing of a save.
    expect(await (await fetch(preferences)).text()).not.toContain('role="status"');
    expect(await statusBySlug(email)).toEqual({ 'ta-steget': 'unsubscribed', [local.slug]: 'unsubscribed' });
    const withdrawn = (await app.strapi.db.query('api::consent-record.consent-record').findMany({
      where: { email, event: 'withdrawn' },
    })) as { summary: string }[];
    expect(withdrawn.map((c) => withoutVersion(c.summary)).sort()).toEqual([
      'Nyhetsbrev (Nyinflyttad i Krokom): återkallat via länk i mejl',
      'Nyhetsbrev (Ta Stegets nyhetsbrev): återkallat via länk i mejl',
      'Nyhetsbrev (Ta Stegets nyhetsbrev): återkallat via länk i mejl',
    ]);
  }, 120_000);

  it('answers bad preference input and unknown links with a 400, changing nothing', async () => {
    const email = uniqueEmail('fel');
    await submit(app.url, '/api/newsletter/subscriptions', subscription({ email }));
    const token = (await rowsOf(email))[0].unsubscribeToken;
    const url = `${app.url}/api/newsletter/preferences?token=${token}`;
    for (const fields of [
      [['newsletters', network.slug]],
      [['interests', 'golf']],
      [['language', 'de']],
      [['action', 'drop-table']],
    ] as [string, string][][]) {
      const res = await formPost(url, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      // The page's own form without JavaScript: the page again, saying nothing changed.
      expect(res.headers.get('content-type'), JSON.stringify(fields)).toMatch(/^text\/html/);
      expect(await res.text()).toContain('Formuläret kunde inte läsas, så inget ändrades.');
    }
    // Sent as JSON, the same refusal names the field.
    const json = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({
        action: 'save',
        newsletters: [],
        interests: ['golf'],
        municipalities: [],
        language: 'sv',
      }),
    });
    expect(json.status).toBe(400);
    const refused = (await json.json()) as { error: { details: { errors: { path: unknown[] }[] } } };
    expect(refused.error.details.errors[0].path[0]).toBe('interests');
    // A body that is no form, or a form without the button pressed, read as "untick everything"
    // and left every newsletter: it changes nothing.
    for (const init of [
      {},
      { headers: { 'Content-Type': 'text/plain' }, body: 'hello' },
      { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'language=sv' },
      { headers: { 'Content-Type': 'application/json' }, body: '{}' },
    ] as RequestInit[]) {
      const res = await fetch(url, { method: 'POST', redirect: 'manual', ...init });
      expect(res.status, JSON.stringify(init)).toBe(400);
    }
    expect(await statusBySlug(email)).toEqual({ 'ta-steget': 'pending' });
    expect((await fetch(`${app.url}/api/newsletter/preferences?token=${'x'.repeat(43)}`)).status).toBe(400);
    const forged = await post(
      app.url,
      `/api/newsletter/preferences?token=abcdefghij0123456789abcd.${'A'.repeat(43)}`,
      {
        action: 'leave-all',
      },
    );
    expect(forged.status).toBe(400);
  });
});

describe('the network as an audience', () => {
  it('invites network contacts of a kind who consented, counts them as it sends, and lets each leave', async () => {
    const person = (name: string, kind: string, municipality: string | null, consent: boolean) =>
      app.strapi.documents(NETWORK_CONTACT).create({
        data: {
          kind,
          name,
          email: `${name.split(' ')[0]}@Natverk.Example`,
          municipality,
          language: 'sv',
          consentAt: consent ? new Date().toISOString() : null,
        },
      } as never);
    await person('Karin Ambassadör', 'ambassador', 'krokom', true);
    // Karin hosts a coworking space too: one address, two network cards, one mail.
    await person('Karin Värd', 'coworking-host', 'krokom', true);
    await person('Nils Ambassadör', 'ambassador', 'krokom', false);
    await person('Elin Arbetsgivare', 'employer', 'krokom', true);
    await person('Olof Värd', 'coworking-host', null, true);
    // Addresses are stored as every look-up by address reads them.
    const stored = (await app.strapi.db.query(NETWORK_CONTACT).findMany({ select: ['email'] })) as {
      email: string;
    }[];
    expect(stored.map((n) => n.email)).toContain('karin@natverk.example');

    const ambassadors = { conditions: [{ kind: 'networkKind', anyOf: ['ambassador', 'coworking-host'] }] };
    const coordinator = await adminSession(app.strapi, app.url, 'coordinator', 'samordnare@natverk.example');
    const count = async (body: unknown) => {
      const res = await fetch(`${app.url}/tasteget-newsletter/count`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${coordinator.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { count: number; sample: { email: string }[] } }).data;
    };
    const counted = await count({
      audience: 'network',
      segment: ambassadors,
      newsletter: network.documentId,
    });
    expect(counted.count).toBe(2);
    expect(counted.sample.map((s) => s.email).sort()).toEqual([
      'karin@natverk.example',
      'olof@natverk.example',
    ]);
    // A kind selects no mover, and a mover's condition no network contact.
    expect((await count({ audience: 'contacts', segment: ambassadors })).count).toBe(0);
    expect(
      (await count({ audience: 'network', segment: { conditions: [{ kind: 'hasChildren', value: true }] } }))
        .count,
    ).toBe(0);

    const first = await campaignTo(network.documentId, 'Ambassadörsträff i mars', {
      audience: 'network',
      segment: ambassadors,
    });
    expect(first.flatMap((m) => m.envelopeTo).sort()).toEqual([
      'karin@natverk.example',
      'olof@natverk.example',
    ]);
    const karins = first.find((m) => m.envelopeTo.includes('karin@natverk.example'))!;
    expect(karins.parsed.text).toContain('Hej Karin!');
    expect(karins.parsed.text).toContain('du ingår i Ta Stegets nätverk');

    // Karin leaves the ambassadors' letter by one-click: the next invitation skips her alone.
    const left = await oneClickUnsubscribe(karins.raw, app.url);
    expect(left.status).toBe(200);
    expect(await statusBySlug('karin@natverk.example')).toEqual({ [network.slug]: 'unsubscribed' });
    expect(
      (await count({ audience: 'network', segment: ambassadors, newsletter: network.documentId })).count,
    ).toBe(1);
    const second = await campaignTo(network.documentId, 'Ambassadörsträff i april', {
      audience: 'network',
      segment: ambassadors,
    });
    expect(second.flatMap((m) => m.envelopeTo)).toEqual(['olof@natverk.example']);
    // Leaving one letter is not leaving the network: an employers' invitation of the county's
    // newsletter still reaches Elin, and the county newsletter still reaches Karin as a network contact.
    const county = await campaignTo(undefined, 'Nätverket i april', { audience: 'network' });
    expect(county.flatMap((m) => m.envelopeTo).sort()).toEqual([
      'elin@natverk.example',
      'karin@natverk.example',
      'olof@natverk.example',
    ]);
  }, 120_000);

  it('selects by the newsletters an address confirmed', async () => {
    const email = uniqueEmail('lokal');
    await submit(
      app.url,
      '/api/newsletter/subscriptions',
      subscription({ email, newsletters: [local.slug] }),
    );
    const [optIn] = await smtp.waitFor(1, (m) => m.envelopeTo.includes(email));
    expect(
      (
        await fetch(linkIn(optIn, /https?:\/\/\S+\/api\/newsletter\/confirm\?token=[\w-]+/), {
          method: 'POST',
        })
      ).status,
    ).toBe(200);
    await app.strapi.documents(NETWORK_CONTACT).create({
      data: {
        kind: 'employer',
        name: 'Lokal Arbetsgivare',
        email,
        language: 'sv',
        consentAt: new Date().toISOString(),
      },
    } as never);
    const readers = { conditions: [{ kind: 'newsletter', anyOf: [local.slug] }] };
    const reached = await campaignTo(undefined, 'Arbetsgivare som läser Krokombrevet', {
      audience: 'network',
      segment: readers,
    });
    expect(reached.flatMap((m) => m.envelopeTo)).toEqual([email]);

    // "Has a confirmed subscription" on a list no one joins (an invitation naming no newsletter)
    // reads the address's newsletters too: the employer has one, and is theirs, not the other's.
    const confirmed = (value: boolean) => ({
      conditions: [
        { kind: 'networkKind', anyOf: ['employer'] },
        { kind: 'subscriptionConfirmed', value },
      ],
    });
    const subscribed = await campaignTo(undefined, 'Arbetsgivare med nyhetsbrev', {
      audience: 'network',
      segment: confirmed(true),
    });
    expect(subscribed.flatMap((m) => m.envelopeTo)).toEqual([email]);
    const others = await campaignTo(undefined, 'Arbetsgivare utan nyhetsbrev', {
      audience: 'network',
      segment: confirmed(false),
    });
    expect(others.flatMap((m) => m.envelopeTo)).not.toContain(email);
    expect(others.flatMap((m) => m.envelopeTo)).toContain('elin@natverk.example');
  }, 60_000);
});
