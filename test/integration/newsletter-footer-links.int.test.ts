import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntakeCms } from '../support/fixtures';
import {
  createCampaign,
  newsletter,
  NEWSLETTER,
  oneClickUnsubscribe,
  seedContact,
  seedFormerSubscriber,
  seedSubscriber,
  SUBSCRIPTION,
  tokenFor,
  waitUntilSent,
} from '../support/newsletter';
import type { ReceivedMail } from '../support/smtp';

/**
 * What the footer of every campaign mail offers, followed over real HTTP: the unsubscribe link and
 * the link to the person's preferences (HTML and text, in the campaign's language), and what the
 * unsubscribe link of an invitation to contacts does: it ends invitations, says so, and leaves
 * the person's newsletters alone. Sent by the CMS's own worker to a real SMTP server.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
const PUBLIC_URL = 'https://cms.tasteget.example';
const INVITATIONS = 'ta-steget-inbjudningar';

// Before the invitations list exists: a contact who left an invitation when invitations still
// rode on the county newsletter (an unsubscribe carrier there, no consent, never confirmed).
const LEGACY = 'tidigare-avbojd@inbjudan.example';

beforeAll(async () => {
  cms = await startIntakeCms({ NEWSLETTER_POLL_MS: '100', PUBLIC_URL });
  const legacy = await seedContact(cms.app.strapi, {
    email: LEGACY,
    firstName: 'Lena',
    municipalities: ['krokom'],
  });
  await seedSubscriber(cms.app.strapi, { email: LEGACY, status: 'unsubscribed', contactId: legacy.id });
}, 120_000);
afterAll(async () => {
  await cms?.stop();
});

/** Freezes a campaign as "Skicka" does and returns its mails once it is sent. */
async function sent(fields: Parameters<typeof createCampaign>[1]) {
  const documentId = await createCampaign(cms.app.strapi, fields);
  await newsletter.freeze.freezeCampaign(cms.app.strapi, documentId);
  await waitUntilSent(cms.app.strapi, documentId);
  return cms.smtp.mails.filter((m) => m.parsed.subject === fields.subject);
}

const mailTo = (mails: ReceivedMail[], email: string) => {
  const mail = mails.find((m) => m.envelopeTo.includes(email));
  if (!mail) throw new Error(`No mail to ${email}`);
  return mail;
};
/** A link of the mail's text part, pointed at the CMS under test. */
const linkIn = (text: string, pattern: RegExp) => {
  const found = pattern.exec(text);
  if (!found) throw new Error(`No ${pattern} in:\n${text}`);
  return found[1].replace(PUBLIC_URL, cms.app.url);
};
const slugsOf = async (email: string) =>
  Object.fromEntries(
    (
      (await cms.app.strapi.db.query(SUBSCRIPTION).findMany({
        where: { email },
        populate: { newsletter: { select: ['slug'] } },
      })) as { subscriptionStatus: string; newsletter: { slug: string } }[]
    ).map((row) => [row.newsletter.slug, row.subscriptionStatus]),
  );

describe('the footer of a campaign mail', () => {
  it('links to the preferences in both parts, with the token the unsubscribe link has, and the link opens them', async () => {
    const email = 'sofia@fotlankar.example';
    await seedSubscriber(cms.app.strapi, { email, municipalities: ['krokom'] });
    const token = tokenFor(email);
    const preferences = `${PUBLIC_URL}/api/newsletter/preferences?token=${token}`;

    const svenska = mailTo(await sent({ subject: 'Fotlänkar på svenska' }), email);
    expect(svenska.parsed.html).toContain(`<a href="${preferences}"`);
    expect(svenska.parsed.html).toContain('Ändra dina inställningar</a>');
    expect(svenska.parsed.text).toContain(`Ändra dina inställningar [${preferences}]`);
    expect(svenska.parsed.text).toContain(
      `Avsluta prenumerationen [${PUBLIC_URL}/api/newsletter/unsubscribe?token=${token}]`,
    );
    // Nothing more about the person than the unsubscribe link already carried.
    expect(svenska.parsed.html).not.toMatch(/preferences\?token=(?!token-)/);

    const page = await fetch(linkIn(svenska.parsed.text ?? '', /Ändra dina inställningar\s+\[(\S+)\]/));
    expect(page.status).toBe(200);
    const form = await page.text();
    expect(form).toContain('<form method="post"');
    expect(form).toMatch(/value="ta-steget" checked/);
  });

  it('speaks the campaign language: English for an English campaign', async () => {
    const email = 'sam@fotlankar.example';
    await seedSubscriber(cms.app.strapi, { email, language: 'en', municipalities: ['are'] });
    const documentId = await createCampaign(cms.app.strapi, {
      subject: 'News from the mountains',
      segment: { match: 'all', conditions: [{ kind: 'language', anyOf: ['en'] }] },
    });
    await cms.app.strapi.db
      .query('api::newsletter-campaign.newsletter-campaign')
      .update({ where: { documentId }, data: { language: 'en' } });
    await newsletter.freeze.freezeCampaign(cms.app.strapi, documentId);
    await waitUntilSent(cms.app.strapi, documentId);
    const mail = mailTo(
      cms.smtp.mails.filter((m) => m.parsed.subject === 'News from the mountains'),
      email,
    );
    const preferences = `${PUBLIC_URL}/api/newsletter/preferences?token=${tokenFor(email)}`;
    expect(mail.parsed.html).toContain('Change your preferences</a>');
    expect(mail.parsed.text).toContain(`Change your preferences [${preferences}]`);
    expect(mail.parsed.text).not.toContain('Ändra dina inställningar');
  });
});

describe("an invitation's unsubscribe link", () => {
  it("ends invitations only and says so; the person's newsletters are neither made nor ended", async () => {
    const { strapi } = cms.app;
    // Kim subscribes to the county newsletter and is a contact; Ola is a contact only; Stina
    // left the county newsletter (she consented to it once) but not invitations.
    const kim = await seedContact(strapi, {
      email: 'kim@inbjudan.example',
      firstName: 'Kim',
      municipalities: ['krokom'],
    });
    const subscribed = await seedSubscriber(strapi, {
      email: 'kim@inbjudan.example',
      contactId: kim.id,
      municipalities: ['krokom'],
    });
    await strapi.db.query(SUBSCRIPTION).update({
      where: { id: subscribed.id },
      data: { consentAt: new Date(), confirmedAt: new Date() },
    });
    await seedContact(strapi, {
      email: 'ola@inbjudan.example',
      firstName: 'Ola',
      municipalities: ['krokom'],
    });
    const stina = await seedContact(strapi, {
      email: 'stina@inbjudan.example',
      firstName: 'Stina',
      municipalities: ['krokom'],
    });
    await seedFormerSubscriber(strapi, { email: 'stina@inbjudan.example', contactId: stina.id });
    const krokom = { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['krokom'] }] };

    const invited = await sent({
      subject: 'Inbjudan: träff i Krokom',
      audience: 'contacts',
      segment: krokom,
    });
    // Lena left an invitation before invitations were apart: still out. Stina is in.
    expect(invited.flatMap((m) => m.envelopeTo).sort()).toEqual([
      'kim@inbjudan.example',
      'ola@inbjudan.example',
      'stina@inbjudan.example',
    ]);
    expect(await slugsOf(LEGACY)).toEqual({ [INVITATIONS]: 'unsubscribed' });
    const list = (await strapi.db.query(NEWSLETTER).findOne({ where: { slug: INVITATIONS } })) as {
      name: string;
      listed: boolean;
    };
    expect(list).toMatchObject({ name: 'Ta Stegets inbjudningar', listed: false });
    // An invitation makes no one a newsletter subscriber.
    expect(await slugsOf('ola@inbjudan.example')).toEqual({ [INVITATIONS]: 'pending' });

    // The link's page says what it ends: invitations, not the newsletter.
    const kimsMail = mailTo(invited, 'kim@inbjudan.example');
    const text = kimsMail.parsed.text ?? '';
    expect(text).toMatch(/Ändra dina inställningar \[\S+\/api\/newsletter\/preferences\?token=/);
    const unsubscribe = linkIn(text, /Jag vill inte få fler utskick som det här\s+\[(\S+)\]/);
    const page = await (await fetch(unsubscribe)).text();
    expect(page).toContain('sluta få Ta Stegets inbjudningar');
    expect(page).not.toContain('Ta Stegets nyhetsbrev');

    // One-click: Kim is out of invitations and still gets the county newsletter.
    expect((await oneClickUnsubscribe(kimsMail.raw, cms.app.url)).status).toBe(200);
    expect(await slugsOf('kim@inbjudan.example')).toEqual({
      'ta-steget': 'confirmed',
      [INVITATIONS]: 'unsubscribed',
    });
    const again = await sent({ subject: 'Inbjudan: nästa träff', audience: 'contacts', segment: krokom });
    expect(again.flatMap((m) => m.envelopeTo).sort()).toEqual([
      'ola@inbjudan.example',
      'stina@inbjudan.example',
    ]);
    const county = await sent({ subject: 'Länsbrevet', segment: krokom });
    expect(county.flatMap((m) => m.envelopeTo)).toContain('kim@inbjudan.example');
    // The county newsletter's statistics do not count Kim's leaving invitations.
    const countyCampaign = (await strapi.db
      .query('api::newsletter-campaign.newsletter-campaign')
      .findOne({ where: { subject: 'Länsbrevet' } })) as { documentId: string };
    const progress = await newsletter.status.campaignProgress(strapi, countyCampaign.documentId);
    expect(progress.returns.unsubscribes).toBe(0);
    // The invitation's do.
    const invitation = (await strapi.db
      .query('api::newsletter-campaign.newsletter-campaign')
      .findOne({ where: { subject: 'Inbjudan: träff i Krokom' } })) as { documentId: string };
    expect((await newsletter.status.campaignProgress(strapi, invitation.documentId)).returns).toMatchObject({
      unsubscribes: 1,
    });
  });

  it("keeps the platform's own lists, the county newsletter and the invitations, from being deleted", async () => {
    const { strapi } = cms.app;
    const lists = strapi.documents(NEWSLETTER as 'api::newsletter.newsletter');
    const idOf = async (slug: string) => {
      const found = (await strapi.db.query(NEWSLETTER).findOne({ where: { slug } })) as {
        documentId: string;
      } | null;
      if (found) return found.documentId;
      const made = (await strapi.db.query(NEWSLETTER).create({
        data: { slug, name: slug, listed: false, publishedAt: new Date() },
      })) as { documentId: string };
      return made.documentId;
    };
    for (const slug of ['ta-steget', INVITATIONS]) {
      // Even with nobody on it: its subscribers and statistics are made on first use.
      await strapi.db.query(SUBSCRIPTION).deleteMany({ where: { newsletter: { slug } } });
      await expect(lists.delete({ documentId: await idOf(slug) } as never), slug).rejects.toThrow(
        /kan inte tas bort/,
      );
      expect(await strapi.db.query(NEWSLETTER).count({ where: { slug } }), slug).toBe(1);
    }
    // A list of an editor's own, unused, goes.
    const own = await idOf('en-egen-lista');
    await lists.delete({ documentId: own } as never);
    expect(await strapi.db.query(NEWSLETTER).count({ where: { slug: 'en-egen-lista' } })).toBe(0);
  });
});
