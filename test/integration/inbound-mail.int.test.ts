import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import fc from 'fast-check';
import type { MunicipalitySlug } from '@tasteget/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMailbox } from '../../cms/src/inbound/mailbox';
import { adminSession, type AdminSession } from '../support/admin';
import { startDovecot, type TestDovecot } from '../support/dovecot';
import { startIntakeCms } from '../support/fixtures';
import {
  arfComplaint,
  composed,
  eximBounce,
  gmailTransientBounce,
  microsoftBounce,
  postfixBounce,
} from '../../scripts/lib/inbound-mail.mjs';
import { malformedMail } from '../support/malformed-mail';
import { ROOT } from '../support/paths';
import { sampleDocument } from '../support/sample-data';
import { createCampaign, newsletterId } from '../support/newsletter';
import { intakeSettled, registration, submit, uniqueEmail } from '../support/portal';
import type { ReceivedMail } from '../support/smtp';

/**
 * Two-way mail against a real Dovecot: replies delivered over LMTP land on the contact card
 * (matched by the reply address, the thread or the sender), unmatched mail waits for review,
 * out-of-office answers notify nobody, bounces and complaints suppress addresses, and every
 * message ends in exactly one place.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let dovecot: TestDovecot;
let guide: AdminSession;
let coordinator: AdminSession;
const CONTACT = 'api::contact.contact';
const ACTIVITY = 'api::contact-activity.contact-activity';

const run = promisify(execFile);
const privateFiles = fs.mkdtempSync(path.join(os.tmpdir(), 'tasteget-private-'));

beforeAll(async () => {
  dovecot = await startDovecot();
  cms = await startIntakeCms({
    ...dovecot.env,
    // The test reads the mailbox itself, pass by pass: no poll, no IDLE (inbound-idle tests it).
    INBOUND_POLL_MS: '3600000',
    INBOUND_IDLE: 'false',
    PRIVATE_FILES_DIR: privateFiles,
    INBOUND_MAX_MESSAGE_KB: '64',
    OUTBOX_POLL_MS: '100',
  });
  // The loop's first pass runs at start; let it find the empty inbox first.
  await readMailbox(cms.app.strapi);
  guide = await adminSession(cms.app.strapi, cms.app.url, 'guide', 'vagledare@krokom.example', 'Karin');
  await cms.app.strapi.db.query('api::guide-assignment.guide-assignment').create({
    data: { user: guide.id, queue: 'krokom', receivesReminders: false, publishedAt: new Date() },
  });
  coordinator = await adminSession(
    cms.app.strapi,
    cms.app.url,
    'coordinator',
    'samordnare@inkommande.example',
  );
});
afterAll(async () => {
  await cms?.stop();
  dovecot?.stop();
});

const strapi = () => cms.app.strapi;

async function registered(email: string, municipalities: MunicipalitySlug[] = ['krokom']) {
  const res = await submit(cms.app.url, '/api/registrations', registration({ email, municipalities }));
  expect(res.status).toBe(201);
  await intakeSettled(strapi());
  const [receipt] = await cms.smtp.waitFor(1, (m) => m.envelopeTo.includes(email));
  const contact = (await strapi().db.query(CONTACT).findOne({ where: { email } })) as {
    id: number;
    documentId: string;
  };
  // The guides' notice too, so that no mail of the registration arrives after a test counts mails.
  await cms.smtp.waitFor(
    1,
    (m) =>
      /^Ny (kontakt|registrering)/.test(m.parsed.subject ?? '') &&
      String(m.parsed.html).includes(contact.documentId),
  );
  return { receipt, contact };
}

async function activitiesOf(contactId: number) {
  return (await strapi()
    .db.query(ACTIVITY)
    .findMany({
      where: { contact: { id: contactId } },
      orderBy: { id: 'asc' },
    })) as {
    kind: string;
    direction: string | null;
    summary: string;
    summaryEn: string | null;
    messageId: string | null;
  }[];
}

const SUBSCRIPTION = 'api::newsletter-subscription.newsletter-subscription';

/** A confirmed subscriber; returns the unsubscribe token. */
async function confirmedSubscriber(email: string, municipalities: string[] = []) {
  const token = randomBytes(32).toString('base64url');
  await strapi()
    .db.query(SUBSCRIPTION)
    .create({
      data: {
        email,
        newsletter: await newsletterId(strapi(), 'ta-steget'),
        subscriptionStatus: 'confirmed',
        language: 'sv',
        interests: [],
        municipalities,
        unsubscribeToken: token,
        confirmToken: randomBytes(32).toString('base64url'),
        publishedAt: new Date(),
      },
    });
  return token;
}

const replyTo = (receipt: ReceivedMail) => {
  const value = receipt.parsed.replyTo?.value[0]?.address;
  if (!value) throw new Error('the receipt has no Reply-To');
  return value;
};

describe('replies', () => {
  it('by the reply address: on the card without the quoted history, the guide told once per conversation', async () => {
    const email = uniqueEmail('svar');
    const { receipt, contact } = await registered(email, ['are', 'ostersund']);
    expect(replyTo(receipt)).toMatch(/^svar\+[a-z0-9]+\.[a-z2-7]{20}@inbound\.tasteget\.local$/);
    expect(receipt.envelopeFrom).toMatch(/^bounce\+o\d+\.[a-z2-7]{20}@inbound\.tasteget\.local$/);
    const noticesBefore = cms.smtp.mails.filter((m) => m.parsed.subject?.startsWith('Svar från')).length;

    for (const text of ['Vi vill flytta till Krokom i vår.', 'Och vi har två barn.']) {
      await dovecot.deliver(
        await composed({
          from: email,
          to: replyTo(receipt),
          subject: `Re: ${receipt.parsed.subject}`,
          inReplyTo: receipt.parsed.messageId,
          text: `${text}\n\nDen tis 1 dec. 2026 kl. 10:00 skrev Ta Steget <${replyTo(receipt)}>:\n> Tack för din anmälan.\n`,
        }),
      );
    }
    expect(await readMailbox(strapi())).toBe(2);

    const replies = (await activitiesOf(contact.id)).filter((a) => a.direction === 'in');
    expect(replies).toHaveLength(2);
    expect(replies[0].kind).toBe('email');
    expect(replies[0].summary).toContain('Vi vill flytta till Krokom i vår.');
    expect(replies[0].summary).not.toContain('Tack för din anmälan');
    await cms.smtp.waitFor(noticesBefore + 1, (m) => Boolean(m.parsed.subject?.startsWith('Svar från')));
    await new Promise((r) => setTimeout(r, 500));
    const notices = cms.smtp.mails.filter((m) => m.parsed.subject?.startsWith('Svar från'));
    expect(notices).toHaveLength(noticesBefore + 1);
    // The notice names the person and links the card; the reply itself stays on the card. It goes
    // to the guide who answers: the responsible municipality's (the first chosen), not every one's.
    expect(notices.at(-1)!.parsed.text).not.toContain('två barn');
    expect(notices.at(-1)!.envelopeTo).toEqual(['guide.are@example.se']);
  });

  it('by the thread when the reply address was lost, and by the sender as the last resort', async () => {
    const email = uniqueEmail('trad');
    const { receipt, contact } = await registered(email);
    await dovecot.deliver(
      await composed({
        from: 'annan.adress@example.org',
        to: 'info@tasteget.local',
        subject: 'Vidarebefordrat svar',
        inReplyTo: receipt.parsed.messageId,
        references: [receipt.parsed.messageId!],
        text: 'Skriver från min jobbadress.',
      }),
    );
    await dovecot.deliver(
      await composed({
        from: email,
        to: 'info@tasteget.local',
        subject: 'En fråga',
        text: 'Finns det förskoleplats?',
        attachments: [{ filename: 'intyg.pdf', content: Buffer.from('%PDF-1.4') }],
      }),
    );
    expect(await readMailbox(strapi())).toBe(2);
    const summaries = (await activitiesOf(contact.id))
      .filter((a) => a.direction === 'in')
      .map((a) => a.summary);
    expect(summaries).toEqual([
      expect.stringMatching(
        // Written from another address than the contact's: the card says from which.
        /^Svar via e-post \(känd tråd\) från annan\.adress@example\.org: Vidarebefordrat svar\n\nSkriver från min jobbadress\./,
      ),
      expect.stringMatching(
        /^Svar via e-post \(känd avsändare\): En fråga\n\nFinns det förskoleplats\?\n\nBilagor: intyg\.pdf$/,
      ),
    ]);
    // The same lines in English, for a guide whose admin is in English.
    expect(
      (await activitiesOf(contact.id)).filter((a) => a.direction === 'in').map((a) => a.summaryEn),
    ).toEqual([
      expect.stringMatching(
        /^Reply by e-mail \(known thread\) from annan\.adress@example\.org: Vidarebefordrat svar/,
      ),
      expect.stringMatching(
        /^Reply by e-mail \(known sender\): En fråga\n\nFinns det förskoleplats\?\n\nAttachments: intyg\.pdf$/,
      ),
    ]);
  });

  it('to an opt-in mail: from a contact on their card, from anyone else in the review list', async () => {
    const optIn = async (email: string) => {
      const res = await submit(cms.app.url, '/api/newsletter/subscriptions', {
        email,
        interests: [],
        municipalities: [],
        language: 'sv',
        consent: true,
      });
      expect(res.status).toBe(201);
      const mails = await cms.smtp.waitFor(
        1,
        (m) => m.envelopeTo.includes(email) && /prenumeration/.test(m.parsed.subject ?? ''),
      );
      return mails.at(-1)!;
    };
    const answer = async (from: string, mail: ReceivedMail, text: string) =>
      dovecot.deliver(
        await composed({
          from: `Svarande <${from}>`,
          to: replyTo(mail),
          subject: `Re: ${mail.parsed.subject}`,
          text,
        }),
      );

    // A contact: the opt-in threads with their conversation.
    const known = uniqueEmail('optin-kontakt');
    const { contact } = await registered(known);
    const theirs = await optIn(known);
    expect(replyTo(theirs)).toMatch(/^svar\+[a-z0-9]+\.[a-z2-7]{20}@inbound\.tasteget\.local$/);
    // Someone who is no contact: their own signed reply address.
    const stranger = uniqueEmail('optin-okand');
    const strangers = await optIn(stranger);
    expect(replyTo(strangers)).toMatch(/^svar\+s-[a-z0-9]+\.[a-z2-7]{20}@inbound\.tasteget\.local$/);

    await answer(known, theirs, 'Gärna nyheter om Krokom!');
    await answer(stranger, strangers, 'Varför fick jag detta?');
    expect(await readMailbox(strapi())).toBe(2);
    const onCard = (await activitiesOf(contact.id)).filter((a) => a.direction === 'in').map((a) => a.summary);
    expect(onCard).toEqual([
      expect.stringMatching(
        /^Svar via e-post: Re: Bekräfta din prenumeration.*\n\nGärna nyheter om Krokom!/s,
      ),
    ]);
    const review = await strapi()
      .db.query('api::inbound-message.inbound-message')
      .findMany({ where: { fromAddress: stranger } });
    expect(review).toMatchObject([{ outcome: 'review', text: 'Varför fick jag detta?' }]);
  });

  it('from nobody known goes to the review list, never dropped; a forged token is nobody', async () => {
    const forged = 'svar+abcdefghijklmnopqrstuvwx.aaaaaaaaaaaaaaaaaaaa@inbound.tasteget.local';
    await dovecot.deliver(
      await composed({ from: 'okand@example.org', to: forged, subject: 'Hej', text: 'Vem läser detta?' }),
    );
    expect(await readMailbox(strapi())).toBe(1);
    const review = await strapi()
      .db.query('api::inbound-message.inbound-message')
      .findMany({
        where: { fromAddress: 'okand@example.org' },
      });
    expect(review).toMatchObject([{ outcome: 'review', subject: 'Hej', text: 'Vem läser detta?' }]);

    // The coordinator recognises it and puts it on the right card; a guide may not.
    const email = uniqueEmail('okand-kopplad');
    const { contact } = await registered(email);
    const path = `/tasteget/inbound/${review[0].documentId}/link`;
    expect((await guide.fetch(path, { body: { contactEmail: email } })).status).toBe(403);
    expect((await coordinator.fetch(path, { body: { contactEmail: 'ingen@example.se' } })).status).toBe(400);
    const lastActivity = async () =>
      (
        await strapi()
          .db.query('api::contact.contact')
          .findOne({ where: { id: contact.id } })
      ).lastActivityAt;
    const registeredAt = await lastActivity();
    expect((await coordinator.fetch(path, { body: { contactEmail: email } })).status).toBe(200);
    // The mail is dated when it came, before the registration: the card's last activity stays.
    expect(await lastActivity()).toEqual(registeredAt);
    expect((await activitiesOf(contact.id)).at(-1)).toMatchObject({
      direction: 'in',
      summary: expect.stringMatching(
        /^Svar via e-post \(kopplat för hand av coordinator Test, från okand@example\.org\): Hej\n\nVem läser detta\?/,
      ),
      summaryEn: expect.stringMatching(
        /^Reply by e-mail \(linked by hand by coordinator Test, from okand@example\.org\): Hej/,
      ),
    });
    // The contact's guide is told, as of any reply.
    await cms.smtp.waitFor(
      1,
      (m) =>
        Boolean(m.parsed.subject?.startsWith('Svar från')) &&
        String(m.parsed.html).includes(contact.documentId),
    );
    expect((await coordinator.fetch(path, { body: { contactEmail: email } })).status).toBe(400);
    // The review row keeps no copy of the mail, now on the card (and erased with the person).
    const resolved = await strapi()
      .db.query('api::inbound-message.inbound-message')
      .findOne({ where: { documentId: review[0].documentId } });
    expect(resolved).toMatchObject({ fromAddress: null, subject: '(kopplat till ett kontaktkort)' });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(JSON.stringify(resolved)).not.toContain('Vem läser detta?');
    expect(JSON.stringify(resolved)).not.toContain('okand@example.org');
  });

  it('an out-of-office answer is logged as automatic and notifies nobody, so no loop starts', async () => {
    const email = uniqueEmail('franvaro');
    const { receipt, contact } = await registered(email);
    const mailsBefore = cms.smtp.mails.length;
    for (let i = 0; i < 3; i += 1) {
      await dovecot.deliver(
        await composed({
          from: email,
          to: replyTo(receipt),
          subject: 'Automatiskt svar: Tack för din anmälan',
          headers: { 'Auto-Submitted': 'auto-replied' },
          text: 'Jag är på semester till den 10 december.',
        }),
      );
    }
    expect(await readMailbox(strapi())).toBe(3);
    const automatic = (await activitiesOf(contact.id)).filter((a) =>
      a.summary.startsWith('Automatiskt svar'),
    );
    expect(automatic).toHaveLength(3);
    // Its words are on the card: they say when to try again.
    expect(automatic[0].summary).toContain('Jag är på semester till den 10 december.');
    await new Promise((r) => setTimeout(r, 500));
    expect(cms.smtp.mails.slice(mailsBefore).map((m) => m.parsed.subject)).toEqual([]);
  });
});

describe('bounces and complaints', () => {
  const suppression = (email: string) =>
    strapi().db.query('api::mail-suppression.mail-suppression').findOne({ where: { email } }) as Promise<{
      active: boolean;
      reason: string;
      softBounces: number;
    } | null>;

  it('a permanent failure in the shapes of Postfix, Exim and Microsoft 365 suppresses the address, and the card says so', async () => {
    const shapes = [
      (to: string, failed: string, messageId: string) =>
        postfixBounce({
          to,
          failed,
          status: '5.1.1',
          diagnostic: '550 5.1.1 <x>: Recipient address rejected: User unknown',
          original: { from: 'info@tasteget.local', to: failed, subject: 'Tack', messageId },
        }),
      (to: string, failed: string) => eximBounce({ to, failed }),
      (to: string, failed: string, messageId: string) =>
        microsoftBounce({
          to,
          failed,
          original: { from: 'info@tasteget.local', to: failed, subject: 'Tack', messageId },
        }),
    ];
    for (const shape of shapes) {
      const email = uniqueEmail('studs');
      const { receipt, contact } = await registered(email);
      // The relay sends the report to our envelope sender; the inbound domain's mail lands in the one mailbox.
      await dovecot.deliver(shape(receipt.envelopeFrom!, email, receipt.parsed.messageId!));
      expect(await readMailbox(strapi())).toBe(1);
      expect(await suppression(email)).toMatchObject({ active: true, reason: 'hard-bounce' });
      const card = await activitiesOf(contact.id);
      expect(card.some((a) => a.summary.startsWith('E-post kom inte fram (permanent fel'))).toBe(true);

      // Nothing more is sent there: the outbox marks the next mail suppressed.
      const before = cms.smtp.mails.filter((m) => m.envelopeTo.includes(email)).length;
      await submit(cms.app.url, '/api/registrations', registration({ email, municipalities: ['krokom'] }));
      await intakeSettled(strapi());
      await waitFor(async () => {
        const rows = (await strapi()
          .db.query('api::outbox-message.outbox-message')
          .findMany({
            where: { to: email, sendStatus: 'suppressed' },
          })) as unknown[];
        return rows.length === 1;
      });
      expect(cms.smtp.mails.filter((m) => m.envelopeTo.includes(email)).length).toBe(before);
    }
  });

  it('`npm run mail:deliver` delivers a bounce, a complaint and a raw message as a mail system would', async () => {
    const deliver = (...args: string[]) =>
      run(process.execPath, [path.join(ROOT, 'scripts/deliver-mail.mjs'), ...args], {
        env: { ...process.env, INBOUND_LOCAL_LMTP_PORT: String(dovecot.lmtpPort) },
      });
    const bounced = uniqueEmail('cli-studs');
    const { receipt } = await registered(bounced);
    const complainant = uniqueEmail('cli-spam');
    await confirmedSubscriber(complainant);
    const reply = await composed({
      from: bounced,
      to: receipt.parsed.replyTo!.value[0]!.address!,
      subject: 'Re: Tack',
      text: 'Ett svar ur en fil.',
    });
    const file = path.join(privateFiles, 'svar.eml');
    fs.writeFileSync(file, reply);

    await deliver(
      '--bounce',
      bounced,
      '--to',
      receipt.envelopeFrom!,
      '--in-reply-to',
      receipt.parsed.messageId!,
    );
    await deliver('--complaint', complainant);
    await deliver('--file', file, '--to', receipt.parsed.replyTo!.value[0]!.address!);
    expect(await readMailbox(strapi())).toBe(3);
    expect(await suppression(bounced)).toMatchObject({ active: true, reason: 'hard-bounce' });
    expect(await suppression(complainant)).toMatchObject({ active: true, reason: 'complaint' });
    const contact = (await strapi()
      .db.query(CONTACT)
      .findOne({ where: { email: bounced } })) as { id: number };
    expect((await activitiesOf(contact.id)).some((a) => a.summary.includes('Ett svar ur en fil.'))).toBe(
      true,
    );

    // Two kinds at once, or none to deliver to, is refused with the usage.
    await expect(deliver('--bounce', bounced, '--complaint', complainant)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Välj en av --bounce, --complaint'),
    });
    await expect(deliver('--text', 'Hej')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Ange mottagare'),
    });
  });

  it('transient failures (Gmail, 4.2.2) count, and suppress at the third within the window', async () => {
    const email = uniqueEmail('full');
    const { receipt } = await registered(email);
    for (let i = 1; i <= 3; i += 1) {
      await dovecot.deliver(
        gmailTransientBounce({
          to: receipt.envelopeFrom!,
          failed: email,
          original: {
            from: 'info@tasteget.local',
            to: email,
            subject: 'Tack',
            messageId: receipt.parsed.messageId!,
          },
        }),
      );
      expect(await readMailbox(strapi())).toBe(1);
      expect(await suppression(email)).toMatchObject({ softBounces: i, active: i === 3 });
    }
  });

  it('a feedback-loop complaint unsubscribes the address from everything and suppresses it; a mailto unsubscribe leaves the list', async () => {
    const complainant = uniqueEmail('spam');
    await confirmedSubscriber(complainant);
    await dovecot.deliver(
      arfComplaint({
        to: 'fbl@inbound.tasteget.local',
        complainant,
        original: {
          from: 'nyhetsbrev@tasteget.local',
          to: complainant,
          subject: 'Nyheter',
          messageId: '<n1@tasteget.local>',
        },
      }),
    );
    const leaver = uniqueEmail('mailto');
    const token = await confirmedSubscriber(leaver);
    await dovecot.deliver(
      await composed({
        from: leaver,
        // Where the newsletter's List-Unsubscribe mailto points by default: the inbound domain.
        to: 'avregistrera@inbound.tasteget.local',
        subject: `unsubscribe ${token}`,
        text: '',
      }),
    );
    expect(await readMailbox(strapi())).toBe(2);
    const status = async (email: string) =>
      (
        (await strapi().db.query(SUBSCRIPTION).findOne({ where: { email } })) as {
          subscriptionStatus: string;
        }
      ).subscriptionStatus;
    expect(await status(complainant)).toBe('unsubscribed');
    expect(await suppression(complainant)).toMatchObject({ active: true, reason: 'complaint' });
    expect(await status(leaver)).toBe('unsubscribed');
    expect(await suppression(leaver)).toBeNull();
    // The consent log names how: a mail to the unsubscribe address, not a link.
    const how = async (email: string) =>
      (
        (await strapi()
          .db.query('api::consent-record.consent-record')
          .findOne({ where: { email, event: 'withdrawn' } })) as { summary: string }
      ).summary;
    expect(await how(leaver)).toMatch(/: återkallat via mejl till avregistreringsadressen/);
    expect(await how(complainant)).toMatch(
      /: återkallat via spamanmälan i mottagarens e-post \(E-postsystemet\)/,
    );
  });
});

describe('a guide writes from the card', () => {
  it("sends from the programme with the guide's name and the reply address, threads with the last reply, and counts as the first response", async () => {
    const email = uniqueEmail('skriv');
    const { receipt, contact } = await registered(email);
    await dovecot.deliver(
      await composed({
        from: email,
        to: replyTo(receipt),
        subject: 'Fråga',
        text: 'Hur är det med bostäder?',
      }),
    );
    expect(await readMailbox(strapi())).toBe(1);
    const incoming = (await strapi()
      .db.query(ACTIVITY)
      .findOne({
        where: { contact: { id: contact.id }, direction: 'in' },
      })) as { messageId: string };

    // As long as the compose takes, with a signature on lines of its own.
    const middle = 'Om bostäder och förskola. '.repeat(180);
    const letter = `Hej!\n\nJag hjälper dig gärna med bostad.\n\n${middle}\n\nHälsningar\nKarin SLUTORD`;
    expect(letter.length).toBeLessThanOrEqual(5000);
    const res = await guide.fetch(`/tasteget/contacts/${contact.documentId}/mail`, {
      body: { subject: 'Välkommen till Krokom', text: letter },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const [sent] = await cms.smtp.waitFor(1, (m) => m.parsed.subject === 'Välkommen till Krokom');
    expect(sent.envelopeTo).toEqual([email]);
    expect(sent.parsed.from?.value[0]).toMatchObject({
      name: 'Karin Test – Ta Steget',
      address: 'info@tasteget.local',
    });
    expect(sent.parsed.replyTo?.value[0]?.address).toBe(replyTo(receipt));
    expect(sent.parsed.inReplyTo).toBe(incoming.messageId);
    expect(sent.parsed.text).toContain('Jag hjälper dig gärna med bostad.');
    // A letter: it starts with the guide's words, not with its subject once more.
    expect(sent.parsed.text?.trimStart().startsWith('Välkommen till Krokom')).toBe(false);
    expect(String(sent.parsed.html)).not.toContain('<h1');
    expect(sent.parsed.text).toContain('Hälsningar\nKarin SLUTORD');
    expect(String(sent.parsed.html)).toContain('Hälsningar<br>');

    const row = (await strapi()
      .db.query(CONTACT)
      .findOne({ where: { id: contact.id } })) as {
      firstRespondedAt: string | null;
      moveStatus: string;
    };
    expect(row.firstRespondedAt).not.toBeNull();
    expect(row.moveStatus).toBe('contacted');
    const out = (await activitiesOf(contact.id)).filter((a) => a.direction === 'out');
    // The whole mail is on the card, to its last word.
    expect(out).toMatchObject([{ kind: 'email', summary: `Välkommen till Krokom\n\n${letter}` }]);

    // The answer to it threads back even without the reply address.
    await dovecot.deliver(
      await composed({
        from: 'jobbet@example.org',
        to: 'info@tasteget.local',
        subject: 'Re: Välkommen till Krokom',
        inReplyTo: sent.parsed.messageId,
        text: 'Tack, vi hörs!',
      }),
    );
    expect(await readMailbox(strapi())).toBe(1);
    expect((await activitiesOf(contact.id)).at(-1)!.summary).toMatch(/\(känd tråd\).*\n\nTack, vi hörs!/s);

    // The guide's next mail answers that one, with the whole conversation in its References.
    const thanks = (await activitiesOf(contact.id)).at(-1)!;
    const again = await guide.fetch(`/tasteget/contacts/${contact.documentId}/mail`, {
      body: { subject: 'Re: Välkommen till Krokom', text: 'Vi hörs i vår.' },
    });
    expect(again.status, await again.clone().text()).toBe(201);
    const [second] = await cms.smtp.waitFor(1, (m) => m.parsed.text?.includes('Vi hörs i vår.') ?? false);
    expect(second.parsed.inReplyTo).toBe(thanks.messageId);
    expect(second.parsed.references).toEqual([incoming.messageId, sent.parsed.messageId, thanks.messageId]);
  });

  it("is refused with a message in the user's language for another queue's contact, an empty text, a withdrawn consent or a blocked address", async () => {
    const other = uniqueEmail('annan');
    await submit(cms.app.url, '/api/registrations', registration({ email: other, municipalities: ['are'] }));
    await intakeSettled(strapi());
    const otherContact = (await strapi()
      .db.query(CONTACT)
      .findOne({ where: { email: other } })) as { documentId: string };
    const refused = await guide.fetch(`/tasteget/contacts/${otherContact.documentId}/mail`, {
      body: { subject: 'Hej', text: 'Hej' },
    });
    expect(refused.status).toBe(403);

    const email = uniqueEmail('tom');
    const { contact } = await registered(email);
    const empty = await guide.fetch(`/tasteget/contacts/${contact.documentId}/mail`, {
      body: { subject: 'Hej', text: '  ' },
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Write a message.');

    await guide.fetch(`/tasteget/contacts/${contact.documentId}/consent`, { body: { event: 'withdrawn' } });
    const withdrawn = await guide.fetch(`/tasteget/contacts/${contact.documentId}/mail`, {
      body: { subject: 'Hej', text: 'Hej' },
    });
    expect(withdrawn.status).toBe(400);
    expect(await withdrawn.text()).toContain('återkallat sitt samtycke');

    // To a blocked address nothing would go out: refused, nothing logged, the clock still runs.
    const blockedEmail = uniqueEmail('sparrad');
    const { contact: blocked } = await registered(blockedEmail);
    const { suppress } = await import('../../cms/src/mail/suppression');
    await suppress(strapi(), blockedEmail, 'hard-bounce', '5.1.1 (test)');
    const toBlocked = await guide.fetch(`/tasteget/contacts/${blocked.documentId}/mail`, {
      body: { subject: 'Hej', text: 'Hej' },
    });
    expect(toBlocked.status).toBe(400);
    const refusal = (await toBlocked.json()) as {
      error: { details: { messages: { sv: string; en: string } } };
    };
    expect(refusal.error.details.messages.sv).toMatch(/^Mejl når inte den här adressen: den är spärrad/);
    expect(refusal.error.details.messages.sv).toMatch(/be samordnaren häva spärren\.$/);
    expect(refusal.error.details.messages.en).toMatch(/^E-mail does not reach this address/);
    // The coordinator, who lifts blocks, is told where to, not to ask themselves.
    const toCoordinator = await coordinator.fetch(`/tasteget/contacts/${blocked.documentId}/mail`, {
      body: { subject: 'Hej', text: 'Hej' },
    });
    expect(
      ((await toCoordinator.json()) as { error: { details: { messages: { sv: string } } } }).error.details
        .messages.sv,
    ).toMatch(/häv spärren på adressen under Spärrad e-postadress, med ett skäl\.$/);
    expect(
      await strapi()
        .db.query(ACTIVITY)
        .count({ where: { contact: { id: blocked.id }, direction: 'out' } }),
    ).toBe(0);
    expect(
      (
        (await strapi()
          .db.query(CONTACT)
          .findOne({ where: { id: blocked.id } })) as { firstRespondedAt: unknown }
      ).firstRespondedAt,
    ).toBeNull();
  });

  it("the card shows the address that logs a mail sent from Outlook in Bcc, and such a mail counts as the guide's", async () => {
    const email = uniqueEmail('bcc');
    const { contact } = await registered(email);
    const dialog = (await (await guide.fetch(`/tasteget/contacts/${contact.documentId}/dialog`)).json()) as {
      data: { bccAddress: string };
    };
    // Its own address, not the reply address every household holds.
    expect(dialog.data.bccAddress).toMatch(/^logg\+/);
    await dovecot.deliver(
      await composed({
        from: 'vagledare@krokom.example',
        to: email,
        bcc: dialog.data.bccAddress,
        subject: 'Från Outlook',
        text: 'Ringer dig i morgon.',
      }),
      // A Bcc is in the envelope only: the receiving server names it in Delivered-To.
      dialog.data.bccAddress,
    );
    expect(await readMailbox(strapi())).toBe(1);
    const out = (await activitiesOf(contact.id)).filter((a) => a.direction === 'out');
    expect(out).toMatchObject([{ summary: expect.stringContaining('Ringer dig i morgon.') }]);
    expect(
      (
        (await strapi()
          .db.query(CONTACT)
          .findOne({ where: { id: contact.id } })) as { firstRespondedAt: string | null }
      ).firstRespondedAt,
    ).not.toBeNull();
  });

  it("counts no mail to the household's reply address as the guide's, whatever its From says", async () => {
    const email = uniqueEmail('forfalskad');
    const { receipt, contact } = await registered(email);
    const replyTo = String(receipt.parsed.replyTo?.value[0]?.address);
    expect(replyTo).toMatch(/^svar\+/);
    // Anyone can write a From: the household (or a stranger) posing as the guide.
    await dovecot.deliver(
      await composed({
        from: 'vagledare@krokom.example',
        to: replyTo,
        subject: 'Re: Tack',
        text: 'Vi har pratat klart.',
      }),
      replyTo,
    );
    expect(await readMailbox(strapi())).toBe(1);
    const logged = (await activitiesOf(contact.id)).filter((a) => a.direction !== null);
    expect(logged).toMatchObject([
      { direction: 'in', summary: expect.stringMatching(/^Svar via e-post från vagledare@krokom\.example/) },
    ]);
    const row = (await strapi()
      .db.query(CONTACT)
      .findOne({ where: { id: contact.id } })) as {
      firstRespondedAt: string | null;
      moveStatus: string;
    };
    expect(row).toMatchObject({ firstRespondedAt: null, moveStatus: 'new' });
  });

  it("logs another queue's guide's mail on the card without counting it as the answer", async () => {
    await adminSession(strapi(), cms.app.url, 'guide', 'vagledare@ostersund.example', 'Olle');
    const olle = (await strapi()
      .db.query('admin::user')
      .findOne({
        where: { email: 'vagledare@ostersund.example' },
      })) as { id: number };
    await strapi()
      .db.query('api::guide-assignment.guide-assignment')
      .create({
        data: { user: olle.id, queue: 'ostersund', receivesReminders: false, publishedAt: new Date() },
      });
    const email = uniqueEmail('annan-ko');
    const { contact } = await registered(email);
    // Its last activity a day ago (a mail is dated by the second it came: the registration's may
    // be later within the same second).
    const dayAgo = new Date(Date.now() - 86_400_000);
    await strapi()
      .db.query(CONTACT)
      .update({ where: { id: contact.id }, data: { lastActivityAt: dayAgo } });
    const dialog = (await (await guide.fetch(`/tasteget/contacts/${contact.documentId}/dialog`)).json()) as {
      data: { bccAddress: string };
    };
    await dovecot.deliver(
      await composed({
        from: 'vagledare@ostersund.example',
        to: email,
        bcc: dialog.data.bccAddress,
        subject: 'Tips om Östersund',
        text: 'Hej från Östersund!',
      }),
      dialog.data.bccAddress,
    );
    expect(await readMailbox(strapi())).toBe(1);
    expect((await activitiesOf(contact.id)).filter((a) => a.direction === 'out')).toMatchObject([
      {
        summary: expect.stringMatching(
          /^Tips om Östersund \(från en annan kö än kontaktens: räknas inte som svar\)\n\nHej från Östersund!/,
        ),
      },
    ]);
    const row = (await strapi()
      .db.query(CONTACT)
      .findOne({ where: { id: contact.id } })) as {
      firstRespondedAt: string | null;
      lastActivityAt: string;
    };
    expect(row.firstRespondedAt).toBeNull();
    // It is a dialog with the person all the same: it keeps the contact alive.
    expect(new Date(row.lastActivityAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("the card's Bcc address, from another mailbox", () => {
  it("counts a mail from the municipality's mailbox as the programme's answer, and names any other sender", async () => {
    // Krokom's page names the mailbox its notices go to, from which its guides answer in Outlook.
    const sample = sampleDocument(strapi(), 'api::kommun.kommun') as Record<string, unknown>;
    await strapi()
      .documents('api::kommun.kommun')
      .create({
        data: {
          ...sample,
          municipality: 'krokom',
          name: 'Krokom',
          slug: 'krokom',
          guide: { ...(sample.guide as object), email: 'flytt@krokom.kommun.example' },
        },
        locale: 'sv',
      } as never);
    const email = uniqueEmail('brevlada');
    const { contact } = await registered(email);
    const dialog = (await (await guide.fetch(`/tasteget/contacts/${contact.documentId}/dialog`)).json()) as {
      data: { bccAddress: string };
    };
    const fromOutlook = async (from: string, text: string) => {
      await dovecot.deliver(
        await composed({ from, to: email, bcc: dialog.data.bccAddress, subject: 'Hej', text }),
        dialog.data.bccAddress,
      );
      expect(await readMailbox(strapi())).toBe(1);
    };

    await fromOutlook('Flytt Krokom <Flytt@krokom.kommun.example>', 'Välkommen till Krokom!');
    expect((await activitiesOf(contact.id)).filter((a) => a.direction !== null)).toMatchObject([
      { direction: 'out', summary: expect.stringMatching(/^Från flytt@krokom\.kommun\.example: Hej/) },
    ]);
    const answered = (await strapi()
      .db.query(CONTACT)
      .findOne({ where: { id: contact.id } })) as { firstRespondedAt: string | null };
    expect(answered.firstRespondedAt).not.toBeNull();

    // Anyone else is not the programme: logged as come in, with who sent it.
    await fromOutlook('someone.else@example.com', 'Jag är grannen.');
    expect((await activitiesOf(contact.id)).filter((a) => a.direction === 'in')).toMatchObject([
      { summary: expect.stringMatching(/^Svar via e-post från someone\.else@example\.com: Hej/) },
    ]);
  });
});

describe('the suppression list', () => {
  it('the coordinator lifts an entry with a reason, logged; guides may not', async () => {
    const email = uniqueEmail('lyft');
    await strapi()
      .db.query('api::mail-suppression.mail-suppression')
      .create({
        data: { email, active: true, reason: 'complaint', history: [], publishedAt: new Date() },
      });
    const byGuide = await guide.fetch('/tasteget/suppressions/lift', {
      body: { email, reason: 'Bad om det' },
    });
    expect(byGuide.status).toBe(403);
    for (const reason of ['', 'ok']) {
      const noReason = await coordinator.fetch('/tasteget/suppressions/lift', { body: { email, reason } });
      expect(noReason.status).toBe(400);
      // The rule itself, not just "give a reason": "ok" is a reason, too short for one.
      expect(await noReason.text()).toContain('Ange ett skäl med minst 3 tecken.');
    }
    const lifted = await coordinator.fetch('/tasteget/suppressions/lift', {
      body: { email, reason: 'Personen bad skriftligen om nyhetsbrevet igen.' },
    });
    expect(lifted.status).toBe(200);
    const row = (await strapi()
      .db.query('api::mail-suppression.mail-suppression')
      .findOne({ where: { email } })) as {
      active: boolean;
      history: { event: string; detail: string; by: string }[];
    };
    expect(row.active).toBe(false);
    expect(row.history.at(-1)).toMatchObject({
      event: 'lifted',
      detail: 'Personen bad skriftligen om nyhetsbrevet igen.',
      by: 'coordinator Test',
    });
    const again = await coordinator.fetch('/tasteget/suppressions/lift', { body: { email, reason: 'Igen' } });
    expect(again.status).toBe(404);
  });
});

describe('attachments', () => {
  /** Every file under the private folder, relative to it. */
  const storedFiles = () =>
    (fs.readdirSync(privateFiles, { recursive: true }) as string[]).filter((f) =>
      fs.statSync(path.join(privateFiles, f)).isFile(),
    );

  it('are kept privately with the reply, offered to guides by a short-lived link, and erased with the person', async () => {
    const email = uniqueEmail('bilaga');
    const { receipt, contact } = await registered(email);
    // Earlier tests' replies have files of their own.
    const before = new Set(storedFiles());
    const newFiles = () => storedFiles().filter((f) => !before.has(f));
    const cv = Buffer.from('%PDF-1.4 Mitt CV, åäö');
    const page = Buffer.from('<script>alert(1)</script>');
    await dovecot.deliver(
      await composed({
        from: email,
        to: replyTo(receipt),
        subject: 'Mitt CV',
        text: 'Här är mitt CV.',
        attachments: [
          { filename: 'CV Åsa.pdf', content: cv, contentType: 'application/pdf' },
          { filename: '../../sida.html', content: page, contentType: 'text/html' },
        ],
      }),
    );
    expect(await readMailbox(strapi())).toBe(1);
    expect(newFiles()).toHaveLength(2);
    for (const file of newFiles()) {
      expect((fs.statSync(path.join(privateFiles, file)).mode & 0o077).toString(8), file).toBe('0');
    }

    // The Dialog panel's view: names and sizes, not where they are stored.
    const dialog = (await (await guide.fetch(`/tasteget/contacts/${contact.documentId}/dialog`)).json()) as {
      data: { activities: { documentId: string; attachments: { filename: string; size: number }[] }[] };
    };
    const reply = dialog.data.activities.find((a) => a.attachments.length > 0)!;
    expect(reply.attachments).toEqual([
      { filename: 'CV Åsa.pdf', size: cv.length },
      { filename: '_.._sida.html', size: page.length },
    ]);
    expect(JSON.stringify(dialog)).not.toContain('inbound/');

    const link = async (index: number) => {
      const res = await guide.fetch(`/tasteget/activities/${reply.documentId}/attachments/${index}/link`, {
        method: 'POST',
        body: {},
      });
      expect(res.status).toBe(200);
      // Relative to the CMS the admin runs on (on S3: a presigned URL of the bucket).
      return new URL(((await res.json()) as { data: { url: string } }).data.url, cms.app.url).toString();
    };
    // The link works without a login (a browser download), for whoever holds it, for a while.
    const download = await fetch(await link(0));
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(cv)).toBe(true);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('CV Åsa.pdf')}`,
    );
    // A page the person sent is a download too, and could run nothing if opened.
    const html = await fetch(await link(1));
    expect(html.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(html.headers.get('content-security-policy')).toContain('sandbox');
    expect(html.headers.get('x-content-type-options')).toBe('nosniff');
    // A link with a changed token, or to a file that does not exist, gives nothing.
    const url = new URL(await link(0));
    const [body, signature] = url.pathname.split('/').at(-1)!.split('.');
    const forged = `${url.origin}/tasteget/files/${body.slice(0, -2)}xx.${signature}`;
    expect((await fetch(forged)).status).toBe(404);
    expect(
      (
        await guide.fetch(`/tasteget/activities/${reply.documentId}/attachments/5/link`, {
          method: 'POST',
          body: {},
        })
      ).status,
    ).toBe(404);

    // Erasing the person removes the files with the card.
    const erased = await coordinator.fetch('/tasteget/care/person/erase', {
      method: 'POST',
      body: { email, confirm: email },
    });
    expect(erased.status).toBe(200);
    expect(newFiles()).toEqual([]);
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('exactly once', () => {
  it('a message too large is quarantined unread; every message ends in one folder, and a second pass does nothing', async () => {
    await dovecot.deliver(
      await composed({
        from: 'stor@example.org',
        to: 'info@tasteget.local',
        subject: 'Stor bilaga',
        text: 'Se bilaga',
        attachments: [{ filename: 'bild.bin', content: randomBytes(100 * 1024) }],
      }),
    );
    expect(await readMailbox(strapi())).toBe(1);
    expect(await readMailbox(strapi())).toBe(0);
    const counts = await dovecot.counts();
    expect(counts.INBOX).toBe(0);
    expect(counts.Quarantine).toBe(1);
    const placed = (await strapi().db.connection('tasteget_inbound_claims').select('place')) as {
      place: string;
    }[];
    expect(placed).toHaveLength(counts.Processed + counts.Quarantine);
    expect(placed.every((row) => row.place)).toBe(true);
  });
});

describe('campaign statistics', () => {
  it('count hard bounces, complaints and unsubscribes of a real send, and warn above 0.1 % complaints', async () => {
    const people = ['studsar', 'klagar', 'lamnar'].map((who) => ({
      email: uniqueEmail(`utskick-${who}`),
      token: '',
    }));
    for (const person of people) person.token = await confirmedSubscriber(person.email, ['krokom']);
    const campaign = await createCampaign(strapi(), {
      subject: 'Nyheter från Krokom',
      segment: { match: 'all', conditions: [{ kind: 'municipality', anyOf: ['krokom'] }] },
    });
    const sent = await coordinator.fetch(`/tasteget-newsletter/campaigns/${campaign}/send`, { body: {} });
    expect(sent.status, await sent.clone().text()).toBe(200);
    const mails = await cms.smtp.waitFor(3, (m) => m.parsed.subject === 'Nyheter från Krokom', 60_000);
    const of = (email: string) => mails.find((m) => m.envelopeTo.includes(email))!;
    for (const mail of mails)
      expect(mail.envelopeFrom).toMatch(/^bounce\+d\d+\.[a-z2-7]{20}@inbound\.tasteget\.local$/);

    const [bouncer, complainer, leaver] = people;
    await dovecot.deliver(
      postfixBounce({
        to: of(bouncer.email).envelopeFrom!,
        failed: bouncer.email,
        status: '5.1.1',
        diagnostic: '550 5.1.1 User unknown',
        original: {
          from: 'nyhetsbrev@tasteget.local',
          to: bouncer.email,
          subject: 'Nyheter',
          messageId: of(bouncer.email).parsed.messageId!,
        },
      }),
    );
    await dovecot.deliver(
      arfComplaint({
        to: 'fbl@inbound.tasteget.local',
        complainant: complainer.email,
        original: {
          from: 'nyhetsbrev@tasteget.local',
          to: complainer.email,
          subject: 'Nyheter',
          messageId: of(complainer.email).parsed.messageId!,
          returnPath: of(complainer.email).envelopeFrom!,
        },
      }),
    );
    expect(await readMailbox(strapi())).toBe(2);
    const left = await fetch(`${cms.app.url}/api/newsletter/unsubscribe?token=${leaver.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(left.status).toBe(200);

    const progress = (await (
      await coordinator.fetch(`/tasteget-newsletter/campaigns/${campaign}/progress`)
    ).json()) as {
      data: { sent: number; returns: Record<string, number | boolean> };
    };
    expect(progress.data.sent).toBe(3);
    expect(progress.data.returns).toMatchObject({
      delivered: 2,
      bouncedHard: 1,
      bouncedSoft: 0,
      complaints: 1,
      // The one who left; the complaint unsubscribed too, but is counted as a complaint only.
      unsubscribes: 1,
      complaintWarning: true,
    });
    expect(progress.data.returns.complaintRate).toBeCloseTo(1 / 3);
    // The consent log says how each withdrew: no coordinator did either.
    const withdrawn = async (email: string) =>
      (
        (await strapi()
          .db.query('api::consent-record.consent-record')
          .findMany({ where: { email, event: 'withdrawn' } })) as { source: string; summary: string }[]
      ).map((c) => c.source);
    expect(await withdrawn(complainer.email)).toEqual(['spam-report']);
    expect(await withdrawn(leaver.email)).toEqual(['link']);
  });
});

describe('malformed mail', () => {
  it('generated broken messages never stop the worker, and each ends in exactly one place', async () => {
    const before = await dovecot.counts();
    const messages = fc.sample(malformedMail, { numRuns: 60, seed: 20261203 });
    await dovecot.append(messages);
    // A message that throws is retried after its delay and quarantined at the third failure.
    await waitFor(async () => {
      await readMailbox(strapi());
      return (await dovecot.counts()).INBOX === 0;
    }, 60_000);
    const after = await dovecot.counts();
    expect(after.Processed + after.Quarantine - before.Processed - before.Quarantine).toBe(messages.length);
    const unplaced = await strapi()
      .db.connection('tasteget_inbound_claims')
      .whereNull('place')
      .count({ n: '*' });
    expect(Number(unplaced[0].n)).toBe(0);
  }, 90_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
