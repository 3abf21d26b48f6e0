import type { AddressInfo } from 'node:net';
import type { Segment } from '@tasteget/shared';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryKey, deliveryMessageId } from '../../newsletter/src';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';
import { startStrapi, type TestStrapi } from '../support/strapi';
import {
  CAMPAIGN,
  createCampaign,
  DELIVERY,
  newsletter,
  oneClickUnsubscribe,
  seedContact,
  seedFormerSubscriber,
  seedSubscriber,
  SUBSCRIPTION,
  tokenFor,
  waitUntilSent,
} from '../support/newsletter';

/**
 * Campaigns sent by the CMS's own worker through a real SMTP server: who receives, what they
 * receive, and what an unsubscribe, a refusal or a stopped worker does to the rest.
 */
let app: TestStrapi;
let smtp: TestSmtp;
const flakyRefused = new Set<string>();
const POOL_SIZE = 3;

beforeAll(async () => {
  smtp = await startSmtp(0, {
    refuseRecipient(address) {
      if (address.startsWith('studs')) return { code: 550, message: '5.1.1 Mailbox does not exist' };
      if (address.startsWith('trög') || address.startsWith('trog')) {
        if (!flakyRefused.has(address)) {
          flakyRefused.add(address);
          return { code: 451, message: '4.3.0 Try again later' };
        }
      }
      return null;
    },
  });
  app = await startStrapi({
    SMTP_PORT: String(smtp.port),
    PUBLIC_URL: 'https://cms.tasteget.example',
    NEWSLETTER_FROM: 'Ta Steget Jämtland <nyhetsbrev@tasteget.example>',
    NEWSLETTER_POLL_MS: '100',
    NEWSLETTER_BATCH_SIZE: '20',
    NEWSLETTER_POOL_SIZE: String(POOL_SIZE),
    NEWSLETTER_LEASE_MS: '1000',
    NEWSLETTER_RETRY_BASE_MS: '200',
  });
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const mailsOf = (subject: string) => smtp.mails.filter((m) => m.parsed.subject === subject);
const recipientsOf = (mails: ReceivedMail[]) => mails.flatMap((m) => m.envelopeTo).sort();

async function deliveries(documentId: string) {
  return (await app.strapi.db.query(DELIVERY).findMany({ where: { campaignDocumentId: documentId } })) as {
    email: string;
    deliveryStatus: string;
    attempts: number;
    lastError: string | null;
    lockedUntil: string | null;
  }[];
}

describe('sending a campaign to a segment of subscribers', () => {
  it('reaches exactly the selected, eligible addresses once each, personalised, with both parts and one-click headers', async () => {
    const { strapi } = app;
    const asa = await seedContact(strapi, {
      email: 'asa@example.se',
      firstName: 'Åsa',
      municipalities: ['are'],
    });
    // Berg first in her own list: the campaign is about Åre, and so is its footer.
    await seedSubscriber(strapi, {
      email: 'asa@example.se',
      municipalities: ['berg', 'are'],
      contactId: asa.id,
    });
    const expected = ['asa@example.se'];
    for (let i = 0; i < 24; i++) {
      await seedSubscriber(strapi, { email: `are${i}@example.se`, municipalities: ['are'] });
      expected.push(`are${i}@example.se`);
    }
    // Stored with capitals (as typed): found again by the worker, keyed case-insensitively.
    await seedSubscriber(strapi, { email: 'Versaler@Example.SE', municipalities: ['are'] });
    expected.push('Versaler@example.se'); // nodemailer lower-cases the domain, never the local part
    for (let i = 0; i < 5; i++)
      await seedSubscriber(strapi, { email: `berg${i}@example.se`, municipalities: ['berg'] });
    await seedSubscriber(strapi, {
      email: 'avslutad@example.se',
      status: 'unsubscribed',
      municipalities: ['are'],
    });
    await seedSubscriber(strapi, { email: 'vantar@example.se', status: 'pending', municipalities: ['are'] });
    await seedSubscriber(strapi, { email: 'studsad@example.se', bounceCount: 3, municipalities: ['are'] });

    const subject = 'Hösten i Åre – nyheter för dig';
    const documentId = await createCampaign(strapi, {
      subject,
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['are'] }] },
    });
    const frozen = await newsletter.freeze.freezeCampaign(strapi, documentId);
    expect(frozen).toEqual({ frozen: true, recipientCount: expected.length });
    // "Skicka" twice changes nothing.
    expect(await newsletter.freeze.freezeCampaign(strapi, documentId)).toEqual({
      frozen: false,
      recipientCount: expected.length,
    });
    newsletter.worker.wakeNewsletterWorker();
    const progress = await waitUntilSent(strapi, documentId);
    expect(progress).toMatchObject({ sent: expected.length, failed: 0, remaining: 0 });

    const mails = mailsOf(subject);
    expect(recipientsOf(mails)).toEqual([...expected].sort());
    const campaign = await strapi.db.query('api::newsletter-campaign.newsletter-campaign').findOne({
      where: { documentId },
    });
    expect(campaign).toMatchObject({
      campaignStatus: 'sent',
      recipientCount: 26,
      sentCount: 26,
      failedCount: 0,
    });
    expect(campaign.sentAt).toBeTruthy();
    // Each delivery is linked to its campaign (what the content manager shows).
    expect(await strapi.db.query(DELIVERY).count({ where: { campaign: { documentId } } })).toBe(26);

    const mail = mails.find((m) => m.envelopeTo.includes('asa@example.se'))!;
    const { parsed, raw } = mail;
    expect(parsed.messageId).toBe(
      deliveryMessageId(deliveryKey(documentId, 'asa@example.se'), 'tasteget.example'),
    );
    expect(parsed.from?.value[0]).toEqual({
      name: 'Ta Steget Jämtland',
      address: 'nyhetsbrev@tasteget.example',
    });
    expect(parsed.html).toContain('Hej Åsa!');
    expect(parsed.html).toContain('Åre');
    expect(parsed.html).toContain('Fjäll, älgar och blåbär.');
    expect(parsed.text).toContain('Hej Åsa!');
    expect(parsed.text).toContain('Fjäll, älgar och blåbär.');
    // Why she gets it: the newsletter she subscribed to, and the municipality the campaign selected
    // her by; not the first municipality of her own list, which the campaign was not about.
    const reason =
      'Du får det här brevet eftersom du prenumererar på Ta Stegets nyhetsbrev och har valt Åre.';
    expect(parsed.html).toContain(reason);
    expect(parsed.text?.replace(/\s+/g, ' ')).toContain(reason);
    expect(parsed.text).not.toContain('Berg');
    const unsubscribe = raw.split(/\r\n/).find((line) => line.startsWith('List-Unsubscribe: '));
    const token = tokenFor('asa@example.se');
    expect(unsubscribe).toBe(
      `List-Unsubscribe: <https://cms.tasteget.example/api/newsletter/unsubscribe?token=${token}>, <mailto:avregistrera@inbound.tasteget.local?subject=unsubscribe%20${token}>`,
    );
    expect(raw).toContain('\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n');
    // A subscriber without a linked contact is greeted without a name.
    const other = mails.find((m) => m.envelopeTo.includes('are3@example.se'))!;
    expect(other.parsed.text).toContain('Hej!');
    expect(other.parsed.text).not.toContain('Åsa');

    // The mail is on the linked contact's card.
    const activities = await strapi.db
      .query('api::contact-activity.contact-activity')
      .findMany({ where: { contact: { id: asa.id }, kind: 'newsletter' } });
    expect(activities.map((a: { summary: string }) => a.summary)).toEqual([
      `Fick nyhetsbrevet ”${subject}”.`,
    ]);
    // …but an outbound newsletter is not the person's activity: the five-year purge still counts
    // from the last thing Åsa or a guide did.
    const card = await strapi.db.query('api::contact.contact').findOne({ where: { id: asa.id } });
    expect(card.lastActivityAt).toBeNull(); // seeded without one, and left so
  });

  it('invites only contacts who consented, and gives a contact without a subscription a working unsubscribe link', async () => {
    const { strapi } = app;
    await seedContact(strapi, {
      email: 'ja1@example.se',
      firstName: 'Jonas',
      municipalities: ['berg', 'krokom'],
    });
    await seedContact(strapi, { email: 'ja2@example.se', firstName: 'Karin', municipalities: ['krokom'] });
    await seedContact(strapi, {
      email: 'nej@example.se',
      firstName: 'Nils',
      consent: false,
      municipalities: ['krokom'],
    });
    // Stina subscribed to the county newsletter and left it: that is not leaving invitations,
    // which she gets on her consent to be contacted.
    const gone = await seedContact(strapi, {
      email: 'slutat@example.se',
      firstName: 'Stina',
      municipalities: ['krokom'],
    });
    await seedFormerSubscriber(strapi, { email: 'slutat@example.se', contactId: gone.id });

    const subject = 'Inbjudan: inflyttarträff i Krokom';
    const documentId = await createCampaign(strapi, {
      subject,
      audience: 'contacts',
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['krokom'] }] },
    });
    await newsletter.freeze.freezeCampaign(strapi, documentId);
    newsletter.worker.wakeNewsletterWorker();
    await waitUntilSent(strapi, documentId);
    const mails = mailsOf(subject);
    expect(recipientsOf(mails)).toEqual(['ja1@example.se', 'ja2@example.se', 'slutat@example.se']);
    const jonas = mails.find((m) => m.envelopeTo.includes('ja1@example.se'))!.parsed.text ?? '';
    expect(jonas).toContain('Hej Jonas!');
    // A contact's reason: the interest and consent they gave, in the place the invitation is about.
    expect(jonas.replace(/\s+/g, ' ')).toContain(
      'Du får det här utskicket eftersom du har anmält intresse för att flytta till Krokom och samtyckt till att vi kontaktar dig.',
    );
    expect(jonas).not.toContain('Berg');

    // The one-click POST from the mail ends the invitations, and the contact is never invited again.
    const res = await oneClickUnsubscribe(mails[0].raw, app.url);
    expect(res.status).toBeLessThan(400);
    const who = mails[0].envelopeTo[0];
    const rows = (await strapi.db.query(SUBSCRIPTION).findMany({
      where: { email: who },
      populate: { newsletter: { select: ['slug'] } },
    })) as { subscriptionStatus: string; newsletter: { slug: string } }[];
    expect(rows.find((r) => r.newsletter.slug === 'ta-steget-inbjudningar')?.subscriptionStatus).toBe(
      'unsubscribed',
    );
    expect(
      await newsletter.freeze.freezeCampaign(
        strapi,
        await createCampaign(strapi, {
          subject: 'Andra inbjudan',
          audience: 'contacts',
          segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['krokom'] }] },
        }),
      ),
    ).toMatchObject({ recipientCount: 2 });
  });
});

describe('selecting a register larger than a page', () => {
  it('finds every recipient once, across pages, an address met twice in different case included', async () => {
    const { strapi } = app;
    const { id: newsletterIdOf } = await strapi.db
      .query('api::newsletter.newsletter')
      .create({ data: { name: 'Sidbrevet', slug: 'sidbrevet', listed: false } });
    // More rows than two pages of the selection; written in bulk, linked to the newsletter as
    // the migration links them (createMany writes no relations).
    const TOTAL = 4500;
    const rows = Array.from({ length: TOTAL }, (_, i) => ({
      email:
        i === TOTAL - 1 ? 'Dubbel@Sida.example' : i === 3 ? 'dubbel@sida.example' : `sida${i}@sida.example`,
      subscriptionStatus: 'confirmed',
      language: 'sv',
      municipalities: i % 3 === 0 ? ['berg'] : ['are'],
      interests: [],
      bounceCount: 0,
      unsubscribeToken: `sida-${i}`,
      publishedAt: new Date(),
    }));
    await strapi.db.query(SUBSCRIPTION).createMany({ data: rows });
    const created = (await strapi.db.query(SUBSCRIPTION).findMany({
      where: { email: { $endsWithi: '@sida.example' } },
      select: ['id'],
    })) as { id: number }[];
    const { joinTable } = strapi.db.metadata.get(SUBSCRIPTION).attributes.newsletter as unknown as {
      joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
    };
    for (let i = 0; i < created.length; i += 500) {
      await strapi.db.connection(joinTable.name).insert(
        created.slice(i, i + 500).map(({ id }) => ({
          [joinTable.joinColumn.name]: id,
          [joinTable.inverseJoinColumn.name]: newsletterIdOf,
        })),
      );
    }

    const audience = { kind: 'subscribers' as const, newsletterId: newsletterIdOf };
    const segment: Segment = { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['are'] }] };
    const selected: string[] = [];
    for await (const r of newsletter.recipients.selectRecipients(strapi, segment, audience)) {
      selected.push(r.profile.email.toLowerCase());
    }
    // "dubbel" is row 3 (berg, not selected) and the last row (are): selected once, from the last page.
    const expected = new Set(
      rows.filter((r) => r.municipalities[0] === 'are').map((r) => r.email.toLowerCase()),
    );
    expect(selected.length).toBe(expected.size);
    expect(new Set(selected)).toEqual(expected);
    expect(await newsletter.recipients.countRecipients(strapi, segment, audience)).toBe(expected.size);

    // The same address on the first and the last page, both selected: once.
    const everyone: Segment = { match: 'all', conditions: [] };
    const all: string[] = [];
    for await (const r of newsletter.recipients.selectRecipients(strapi, everyone, audience)) {
      all.push(r.profile.email.toLowerCase());
    }
    expect(all.length).toBe(TOTAL - 1);
    expect(all.filter((e) => e === 'dubbel@sida.example')).toHaveLength(1);
  }, 60_000);
});

describe('freezing a campaign', () => {
  it('selects again when the campaign is edited while its recipients are being selected', async () => {
    const { strapi } = app;
    await newsletter.worker.stopNewsletterWorker();
    for (const language of ['sv', 'en'] as const)
      for (let i = 0; i < 2; i++)
        await seedSubscriber(strapi, {
          email: `frys-${language}${i}@example.se`,
          municipalities: ['ragunda'],
          language,
        });
    const inLanguage = (language: string) => ({
      match: 'all',
      conditions: [
        { kind: 'municipality', anyOf: ['ragunda'] },
        { kind: 'language', anyOf: [language] },
      ],
    });
    const documentId = await createCampaign(strapi, { subject: 'Fryses om', segment: inLanguage('sv') });
    // Another user saves a new segment while "Skicka" reads the recipients of the old one: the
    // first read of subscribers during the freeze is where that save lands.
    let editPending = true;
    strapi.documents.use(async (context, next) => {
      const result = await next();
      if (editPending && context.uid === SUBSCRIPTION && context.action === 'findMany') {
        editPending = false;
        await strapi.documents(CAMPAIGN).update({ documentId, data: { segment: inLanguage('en') } } as never);
      }
      return result;
    });
    expect(await newsletter.freeze.freezeCampaign(strapi, documentId)).toMatchObject({ frozen: true });
    expect(editPending).toBe(false);
    const frozen = (await deliveries(documentId)).map((d) => d.email).sort();
    expect(frozen).toContain('frys-en0@example.se');
    expect(frozen).not.toContain('frys-sv0@example.se');
    await newsletter.status.cancelCampaign(strapi, documentId);
    // Out of the way of the later campaigns to Ragunda, which count their recipients.
    await strapi.db.query(SUBSCRIPTION).deleteMany({ where: { email: { $startsWith: 'frys-' } } });
    newsletter.worker.startNewsletterWorker(strapi);
  });
});

describe('a campaign already being sent', () => {
  it('skips an address unsubscribed after "Skicka" (the one-click POST), and mails the rest', async () => {
    const { strapi } = app;
    await newsletter.worker.stopNewsletterWorker();
    for (let i = 0; i < 10; i++)
      await seedSubscriber(strapi, { email: `ostersund${i}@example.se`, municipalities: ['ostersund'] });
    const subject = 'Vinter i Östersund';
    const documentId = await createCampaign(strapi, {
      subject,
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['ostersund'] }] },
    });
    await newsletter.freeze.freezeCampaign(strapi, documentId);
    const res = await fetch(
      `${app.url}/api/newsletter/unsubscribe?token=${tokenFor('ostersund4@example.se')}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      },
    );
    expect(res.status).toBeLessThan(400);
    newsletter.worker.startNewsletterWorker(strapi);
    await waitUntilSent(strapi, documentId);
    const received = recipientsOf(mailsOf(subject));
    expect(received).toHaveLength(9);
    expect(received).not.toContain('ostersund4@example.se');
    const skipped = (await deliveries(documentId)).filter((d) => d.deliveryStatus === 'skipped');
    expect(skipped).toEqual([
      expect.objectContaining({ email: 'ostersund4@example.se', lastError: 'unsubscribed' }),
    ]);
  });

  it('resumes after the worker stopped mid-send and after a dead worker’s lease ran out: everyone once, nobody missing', async () => {
    const { strapi } = app;
    await newsletter.worker.stopNewsletterWorker();
    const expected: string[] = [];
    for (let i = 0; i < 150; i++) {
      await seedSubscriber(strapi, { email: `ragunda${i}@example.se`, municipalities: ['ragunda'] });
      expected.push(`ragunda${i}@example.se`);
    }
    const subject = 'Ragunda: sommarens evenemang';
    const documentId = await createCampaign(strapi, {
      subject,
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['ragunda'] }] },
    });
    await newsletter.freeze.freezeCampaign(strapi, documentId);

    // A worker that is stopped after 40 mails: it finishes what is in flight and gives the rest
    // back, the batch it had claimed ahead (batches of 20 in this suite) included.
    const config = newsletter.config.workerConfig();
    await newsletter.send.sendQueued(strapi, config, () => mailsOf(subject).length >= 40);
    const afterStop = mailsOf(subject).length;
    expect(afterStop).toBeGreaterThanOrEqual(40);
    expect(afterStop).toBeLessThan(150);
    const queued = (await deliveries(documentId)).filter((d) => d.deliveryStatus === 'queued');
    expect(queued.length).toBe(150 - afterStop);
    expect(queued.filter((d) => d.lockedUntil !== null)).toEqual([]);

    // A worker that dies holding a batch: its lease (1 s here) runs out and another worker takes it.
    const abandoned = await newsletter.claim.claimDeliveries(strapi, documentId, 10, 1000);
    expect(abandoned).toHaveLength(10);

    newsletter.worker.startNewsletterWorker(strapi);
    await waitUntilSent(strapi, documentId);
    const received = recipientsOf(mailsOf(subject));
    const counts = new Map<string, number>();
    for (const email of received) counts.set(email, (counts.get(email) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...expected].sort());
    const duplicates = received.length - counts.size;
    expect(duplicates).toBeLessThanOrEqual(POOL_SIZE);
    // Each recipient's mails carry one Message-ID, fixed before the first attempt.
    for (const email of ['ragunda0@example.se', 'ragunda149@example.se']) {
      const ids = new Set(
        mailsOf(subject)
          .filter((m) => m.envelopeTo.includes(email))
          .map((m) => m.parsed.messageId),
      );
      expect([...ids]).toEqual([deliveryMessageId(deliveryKey(documentId, email), 'tasteget.example')]);
    }
  });

  it('stops mid-send when paused, gives back every unsent delivery (the batch claimed ahead too), and sends the rest once resumed', async () => {
    const { strapi } = app;
    await newsletter.worker.stopNewsletterWorker();
    for (let i = 0; i < 200; i++) {
      await seedSubscriber(strapi, { email: `paus${i}@example.se`, municipalities: ['berg'] });
    }
    const subject = 'Berg: pausat mitt i utskicket';
    const documentId = await createCampaign(strapi, {
      subject,
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['berg'] }] },
    });
    const { recipientCount: total } = await newsletter.freeze.freezeCampaign(strapi, documentId);
    // Berg's 200 and the few an earlier test subscribed there.
    const expected = (await deliveries(documentId)).map((d) => d.email).sort();
    expect(expected).toEqual(expect.arrayContaining(['paus0@example.se', 'paus199@example.se']));
    expect(total).toBe(expected.length);

    // Rate-limited (100 mails/s, batches of 20) so that the pause lands mid-send.
    const config = newsletter.config.workerConfig();
    try {
      const sending = newsletter.send.sendQueued(strapi, {
        ...config,
        sender: { ...config.sender, NEWSLETTER_RATE_LIMIT: 100 },
      });
      await smtp.waitFor(30, (m) => m.parsed.subject === subject);
      await newsletter.status.pauseCampaign(strapi, documentId);
      await sending;

      const afterPause = mailsOf(subject).length;
      expect(afterPause).toBeLessThan(total);
      const queued = (await deliveries(documentId)).filter((d) => d.deliveryStatus === 'queued');
      expect(queued.length).toBe(total - afterPause);
      expect(queued.filter((d) => d.lockedUntil !== null)).toEqual([]);
      expect(await newsletter.status.campaignProgress(strapi, documentId)).toMatchObject({
        status: 'paused',
        sent: afterPause,
        remaining: total - afterPause,
      });
    } finally {
      newsletter.worker.startNewsletterWorker(strapi);
    }

    await newsletter.status.resumeCampaign(strapi, documentId);
    newsletter.worker.wakeNewsletterWorker();
    expect(await waitUntilSent(strapi, documentId)).toMatchObject({ sent: total, failed: 0 });
    expect(recipientsOf(mailsOf(subject))).toEqual(expected);
  });

  it('marks a 550 refusal failed and counts a bounce; retries a 451 and sends it', async () => {
    const { strapi } = app;
    await seedSubscriber(strapi, { email: 'studs@example.se', municipalities: ['bracke'] });
    await seedSubscriber(strapi, { email: 'trog@example.se', municipalities: ['bracke'] });
    await seedSubscriber(strapi, { email: 'glad@example.se', municipalities: ['bracke'] });
    const subject = 'Bräcke i blom';
    const documentId = await createCampaign(strapi, {
      subject,
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['bracke'] }] },
    });
    await newsletter.freeze.freezeCampaign(strapi, documentId);
    newsletter.worker.wakeNewsletterWorker();
    const progress = await waitUntilSent(strapi, documentId);
    expect(progress).toMatchObject({ sent: 2, failed: 1, remaining: 0 });

    const rows = await deliveries(documentId);
    const byEmail = Object.fromEntries(rows.map((d) => [d.email, d]));
    expect(byEmail['studs@example.se']).toMatchObject({ deliveryStatus: 'failed', attempts: 1 });
    expect(byEmail['studs@example.se'].lastError).toContain('550');
    expect(byEmail['trog@example.se']).toMatchObject({ deliveryStatus: 'sent', attempts: 2 });
    expect(byEmail['glad@example.se']).toMatchObject({ deliveryStatus: 'sent', attempts: 1 });
    expect(recipientsOf(mailsOf(subject))).toEqual(['glad@example.se', 'trog@example.se']);
    const bounced = await strapi.db.query(SUBSCRIPTION).findOne({ where: { email: 'studs@example.se' } });
    expect(bounced.bounceCount).toBe(1);
  });

  it('two workers claiming the same campaign at once send each mail once (SKIP LOCKED on PostgreSQL)', async () => {
    const { strapi } = app;
    await newsletter.worker.stopNewsletterWorker();
    const expected: string[] = [];
    for (let i = 0; i < 120; i++) {
      await seedSubscriber(strapi, { email: `berg-par${i}@example.se`, municipalities: ['harjedalen'] });
      expected.push(`berg-par${i}@example.se`);
    }
    const subject = 'Härjedalen: två arbetare';
    const documentId = await createCampaign(strapi, {
      subject,
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['harjedalen'] }] },
    });
    await newsletter.freeze.freezeCampaign(strapi, documentId);
    const config = { ...newsletter.config.workerConfig(), batchSize: 7 };
    const [a, b] = await Promise.all([
      newsletter.send.sendQueued(strapi, config),
      newsletter.send.sendQueued(strapi, config),
    ]);
    expect(a + b).toBe(120);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect(recipientsOf(mailsOf(subject))).toEqual([...expected].sort());
    newsletter.worker.startNewsletterWorker(strapi);
  });

  it('keeps a batch leased while its worker is at it, and lets it go once the worker stops renewing', async () => {
    const { strapi } = app;
    await newsletter.worker.stopNewsletterWorker();
    for (let i = 0; i < 5; i++)
      await seedSubscriber(strapi, { email: `lease${i}@example.se`, municipalities: ['bracke'] });
    const documentId = await createCampaign(strapi, {
      subject: 'Bräcke: hyrd batch',
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['bracke'] }] },
    });
    await newsletter.freeze.freezeCampaign(strapi, documentId);
    const { claimDeliveries, keepLeased, releaseDeliveries } = newsletter.claim;
    // The whole campaign in one batch (Bräcke's subscribers of earlier tests are in it too).
    const held = await claimDeliveries(strapi, documentId, 100, 300);
    expect(held.length).toBeGreaterThanOrEqual(5);
    const stop = keepLeased(
      strapi,
      held.map((d) => d.id),
      300,
    );
    // Three leases long: without renewal another worker would have taken the batch by now.
    await new Promise((r) => setTimeout(r, 900));
    expect(await claimDeliveries(strapi, documentId, 100, 300)).toEqual([]);
    await stop();
    await new Promise((r) => setTimeout(r, 400));
    const taken = await claimDeliveries(strapi, documentId, 100, 300);
    expect(taken.map((d) => d.id).sort()).toEqual(held.map((d) => d.id).sort());
    await releaseDeliveries(
      strapi,
      taken.map((d) => d.id),
    );
    await newsletter.status.cancelCampaign(strapi, documentId);
    newsletter.worker.startNewsletterWorker(strapi);
  });

  // Each case its own subscribers: Strömsund's, in Swedish and then in English.
  it.each([
    [
      'the credentials',
      {
        onAuth: (_a: unknown, _s: unknown, cb: (e: Error) => void) =>
          cb(new Error('Invalid username or password')),
      },
    ],
    [
      'our sender address',
      {
        authOptional: true,
        onMailFrom: (_a: unknown, _s: unknown, cb: (e: Error) => void) =>
          cb(Object.assign(new Error('Sender address rejected: not owned by user'), { responseCode: 553 })),
      },
    ],
  ])(
    'pauses the campaign when the SMTP server refuses %s, failing no delivery and blaming no recipient; resumed, it sends',
    async (what, refusal) => {
      const language = what === 'the credentials' ? 'sv' : 'en';
      const { strapi } = app;
      await newsletter.worker.stopNewsletterWorker();
      const refusing = new SMTPServer({
        allowInsecureAuth: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        ...(refusal as object),
      });
      await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
      const { port } = refusing.server.address() as AddressInfo;
      const run = Date.now();
      for (let i = 0; i < 3; i++)
        await seedSubscriber(strapi, {
          email: `auth${run}-${i}@example.se`,
          municipalities: ['stromsund'],
          language,
        });
      const subject = `Strömsund: ${what}`;
      const documentId = await createCampaign(strapi, {
        subject,
        segment: {
          match: 'all',
          conditions: [
            { kind: 'municipality', anyOf: ['stromsund'] },
            { kind: 'language', anyOf: [language] },
          ],
        },
      });
      await newsletter.freeze.freezeCampaign(strapi, documentId);
      const config = newsletter.config.workerConfig();
      try {
        const sent = await newsletter.send.sendQueued(strapi, {
          ...config,
          sender: { ...config.sender, SMTP_PORT: port, SMTP_USER: 'nyhetsbrev', SMTP_PASS: 'fel' },
        });
        expect(sent).toBe(0);
      } finally {
        await new Promise<void>((resolve) => refusing.close(() => resolve()));
      }
      expect(await newsletter.status.campaignProgress(strapi, documentId)).toMatchObject({
        status: 'paused',
        sent: 0,
        failed: 0,
        remaining: 3,
      });
      expect((await deliveries(documentId)).map((d) => d.attempts)).toEqual([0, 0, 0]);
      const bounces = await strapi.db
        .query('api::newsletter-subscription.newsletter-subscription')
        .findMany({ where: { email: { $startsWith: `auth${run}-` } }, select: ['bounceCount'] });
      expect(bounces.map((b: { bounceCount: number | null }) => b.bounceCount ?? 0)).toEqual([0, 0, 0]);

      newsletter.worker.startNewsletterWorker(strapi);
      await newsletter.status.resumeCampaign(strapi, documentId);
      newsletter.worker.wakeNewsletterWorker();
      expect(await waitUntilSent(strapi, documentId)).toMatchObject({ sent: 3, failed: 0 });
    },
  );

  it('rides out an SMTP server that is down for a while: retried with backoff, nothing lost, nothing doubled', async () => {
    const { strapi } = app;
    await newsletter.worker.stopNewsletterWorker();
    const expected: string[] = [];
    for (let i = 0; i < 300; i++) {
      await seedSubscriber(strapi, { email: `nere${i}@example.se`, municipalities: ['krokom'] });
      expected.push(`nere${i}@example.se`);
    }
    const subject = 'Krokom: servern var nere';
    const documentId = await createCampaign(strapi, {
      subject,
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['krokom'] }] },
    });
    await newsletter.freeze.freezeCampaign(strapi, documentId);

    // The CMS's own worker, pointed at a relay of its own and rate-limited so the outage lands mid-send.
    let relay = await startSmtp();
    const port = relay.port;
    const lives: TestSmtp[] = [relay];
    const suiteSmtpPort = process.env.SMTP_PORT;
    Object.assign(process.env, { SMTP_PORT: String(port), NEWSLETTER_RATE_LIMIT: '100' });
    const received = () => lives.flatMap((l) => l.mails).filter((m) => m.parsed.subject === subject);
    try {
      newsletter.worker.startNewsletterWorker(strapi);
      await relay.waitFor(80, (m) => m.parsed.subject === subject);
      await relay.stop();
      expect(received().length).toBeLessThan(300);
      // Down for two seconds: pooled connections were dropped, new ones are refused.
      await new Promise((r) => setTimeout(r, 2000));
      const during = await newsletter.status.campaignProgress(strapi, documentId);
      expect(during).toMatchObject({ status: 'sending', failed: 0 });
      expect(during.remaining).toBeGreaterThan(0);

      relay = await startSmtp(port);
      lives.push(relay);
      const progress = await waitUntilSent(strapi, documentId, 60_000);
      expect(progress).toMatchObject({ sent: 300, failed: 0, skipped: 0, remaining: 0 });
    } finally {
      await newsletter.worker.stopNewsletterWorker();
      process.env.SMTP_PORT = suiteSmtpPort;
      delete process.env.NEWSLETTER_RATE_LIMIT;
      await relay.stop();
      newsletter.worker.startNewsletterWorker(strapi);
    }

    // Nothing lost, nothing doubled: every address exactly once, over both lives of the server.
    expect(recipientsOf(received())).toEqual([...expected].sort());
    expect(lives[1].mails.filter((m) => m.parsed.subject === subject).length).toBeGreaterThan(0);
    // The outage was felt: some deliveries needed more than one attempt, and none is left failed.
    const rows = await deliveries(documentId);
    expect(rows.filter((d) => d.attempts > 1).length).toBeGreaterThan(0);
    expect(rows.every((d) => d.deliveryStatus === 'sent' && d.lastError === null)).toBe(true);
  }, 120_000);

  it('claims no more under a rate limit than a quarter of the lease can send', () => {
    const config = newsletter.config.workerConfig();
    const limited = (rate: number, leaseMs: number) =>
      newsletter.send.batchSize({
        ...config,
        batchSize: 50,
        leaseMs,
        sender: { ...config.sender, NEWSLETTER_RATE_LIMIT: rate },
      });
    expect(limited(0, 300_000)).toBe(50);
    expect(limited(0.1, 300_000)).toBe(7);
    expect(limited(0.01, 60_000)).toBe(1);
    expect(limited(100, 300_000)).toBe(50);
  });
});
