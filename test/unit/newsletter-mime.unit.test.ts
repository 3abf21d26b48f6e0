import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser, type ParsedMail } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import {
  buildDeliveryMessage,
  compileCampaign,
  listIdHeader,
  compileMimeTemplate,
  createDeliverySender,
  deliveryMail,
  parseSenderConfig,
  personalise,
  prepareCampaign,
  renderMime,
  senderIdentity,
  templateSender,
  type DeliveryJob,
  type SenderConfig,
} from '../../newsletter/src';
import { startSmtp, type TestSmtp } from '../support/smtp';

/**
 * The campaign's MIME message built once and filled in per recipient must be the message
 * nodemailer builds for that recipient: same headers, same parts, same bytes once decoded.
 */
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp(0, {
    refuseRecipient: (address) =>
      address === 'gone@example.se' ? { code: 550, message: 'No such user' } : null,
  });
});
afterAll(async () => {
  await smtp.stop();
});

function config(overrides: Record<string, string> = {}): SenderConfig {
  return parseSenderConfig({
    NEWSLETTER_FROM: 'Ta Steget Jämtland Härjedalen <nyhetsbrev@tasteget.example>',
    NEWSLETTER_REPLY_TO: 'info@tasteget.example',
    NEWSLETTER_SITE_URL: 'https://tasteget.example',
    SMTP_PORT: String(smtp.port),
    NEWSLETTER_POOL_SIZE: '2',
    ...overrides,
  });
}

async function campaign(identity = senderIdentity(config())) {
  const compiled = await compileCampaign(
    {
      subject: 'Vårens nyheter – åäö ÅÄÖ från Östersund',
      language: 'sv',
      audience: 'subscribers',
      newsletter: { slug: 'nyinflyttad-ostersund', name: 'Nyinflyttad i Östersund', nameEn: null },
    },
    [
      { kind: 'intro-text', heading: 'Hösten i Östersund', text: 'Älgar, fjäll och blåbär. '.repeat(40) },
      {
        kind: 'cta',
        heading: 'Flytta hit',
        text: 'Vi hjälper dig.',
        buttonLabel: 'Läs mer',
        url: '/registrering',
      },
    ],
    templateSender(identity),
  );
  return { identity, compiled, prepared: await prepareCampaign(compiled, identity) };
}

const job = (to: string, n = 1): DeliveryJob => ({
  to,
  messageId: `<delivery-${n}@tasteget.example>`,
  firstName: 'Åsa',
  unsubscribeUrl: `https://tasteget.example/api/newsletter/unsubscribe?token=tok-${n}`,
  unsubscribeMailto: `mailto:unsubscribe@tasteget.example?subject=unsubscribe%20tok-${n}`,
  preferencesUrl: `https://tasteget.example/api/newsletter/preferences?token=tok-${n}`,
});

const HEADERS = [
  'from',
  'to',
  'reply-to',
  'subject',
  'message-id',
  'list-unsubscribe',
  'list-unsubscribe-post',
  'list-id',
  'mime-version',
];

/** The header lines as written, for the headers a recipient's client reads. */
function headerView(mail: ParsedMail) {
  return HEADERS.map((key) => mail.headerLines.filter((h) => h.key === key).map((h) => h.line));
}

const headerLine = (mail: ParsedMail, key: string) => mail.headerLines.find((h) => h.key === key)?.line;

describe('the MIME template', () => {
  it('gives each recipient the message nodemailer would build, decoded part for part', async () => {
    const { identity, compiled, prepared } = await campaign();
    const delivery = job('asa.berg@example.se');
    const date = new Date('2026-12-01T09:30:00.000Z');
    const mail = deliveryMail(prepared, identity, delivery, date);
    expect(mail.raw).toBeInstanceOf(Buffer);
    expect(mail.envelope).toEqual({ from: 'nyhetsbrev@tasteget.example', to: ['asa.berg@example.se'] });

    const personal = personalise(compiled, delivery);
    const reference = await new MailComposer({
      ...buildDeliveryMessage({
        sender: identity,
        ...delivery,
        ...personal,
        listId: listIdHeader(compiled.list, identity.domain),
      }),
      date,
    })
      .compile()
      .build();
    const [ours, theirs] = await Promise.all([simpleParser(mail.raw as Buffer), simpleParser(reference)]);
    expect(headerView(ours)).toEqual(headerView(theirs));
    expect(headerView(ours).every((lines) => lines.length === 1)).toBe(true);
    expect(headerLine(ours, 'date')).toBe(headerLine(theirs, 'date'));
    expect(ours.date?.toISOString()).toBe(date.toISOString());
    expect(ours.html).toBe(theirs.html);
    expect(ours.text).toBe(theirs.text);
    expect(ours.html).toContain('Åsa');
    // The newsletter it is sent for, by name and id (RFC 2919), its name an RFC 2047 encoded word.
    expect(headerLine(ours, 'list-id')).toBe(
      'List-ID: =?UTF-8?Q?Nyinflyttad_i_=C3=96stersund?= <nyinflyttad-ostersund.tasteget.example>',
    );
    expect(ours.headers.get('list')).toMatchObject({ id: { id: 'nyinflyttad-ostersund.tasteget.example' } });
    expect(ours.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    // Lines of at most 76 characters, CRLF line ends, 7-bit only.
    const raw = (mail.raw as Buffer).toString('latin1');
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    const bodies = raw.slice(raw.indexOf('\r\n\r\n'));
    expect(bodies.split('\r\n').filter((line) => line.length > 76)).toEqual([]);
    expect(raw).toMatch(/Content-Transfer-Encoding: quoted-printable/);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(/[^\x20-\x7e\r\n\t]/.test(raw)).toBe(false);
  });

  it('decodes to what nodemailer builds for any name (quoted-printable joins)', async () => {
    const { identity, compiled, prepared } = await campaign();
    const date = new Date('2026-12-01T09:30:00.000Z');
    // Whatever a form lets through: åäö, "=", spaces at either end, long runs, emoji, markup.
    const value = fc.string({ unit: 'grapheme', maxLength: 120 });
    await fc.assert(
      fc.asyncProperty(value, async (firstName) => {
        const delivery = { ...job('prop@example.se'), firstName };
        const mail = deliveryMail(prepared, identity, delivery, date);
        const reference = await new MailComposer({
          ...buildDeliveryMessage({
            sender: identity,
            ...delivery,
            ...personalise(compiled, delivery),
            listId: listIdHeader(compiled.list, identity.domain),
          }),
          date,
        })
          .compile()
          .build();
        const [ours, theirs] = await Promise.all([simpleParser(mail.raw as Buffer), simpleParser(reference)]);
        expect(ours.html).toBe(theirs.html);
        expect(ours.text).toBe(theirs.text);
        const raw = (mail.raw as Buffer).toString('latin1');
        expect(
          raw
            .slice(raw.indexOf('\r\n\r\n'))
            .split('\r\n')
            .every((line) => line.length <= 76),
        ).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('leaves addresses that need encoding to nodemailer, and refuses header values that would inject', async () => {
    const { identity, prepared } = await campaign();
    const international = deliveryMail(prepared, identity, job('åsa@exämple.se'));
    expect(international.raw).toBeUndefined();
    expect(international.to).toBe('åsa@exämple.se');
    expect(() =>
      deliveryMail(prepared, identity, { ...job('a@example.se'), messageId: '<a@b>\r\nBcc: x@y.se' }),
    ).toThrow(/Message-ID/);
    expect(() =>
      renderMime(prepared.mime, {
        to: 'a@example.se',
        messageId: '<a@example.se>',
        date: new Date(),
        listUnsubscribe: '<https://x.se/u>\r\nBcc: x@y.se',
        html: { greeting: '', unsubscribeUrl: '', preferencesUrl: '' },
        text: { greeting: '', unsubscribeUrl: '', preferencesUrl: '' },
      }),
    ).toThrow(/encoding/);
  });

  it('has each slot once, whatever the subject holds', async () => {
    const { identity, compiled } = await campaign();
    const template = await compileMimeTemplate(identity, {
      ...compiled,
      subject: 'Date: to-marker <x@y> =?UTF-8?B?x?= åäö',
    });
    const headerSlots = template.slots.filter((slot) => typeof slot === 'string');
    expect(headerSlots.sort()).toEqual(['date', 'listUnsubscribe', 'messageId', 'to']);
    // Every personal slot of both bodies, as often as the body has it.
    for (const part of ['html', 'text'] as const) {
      expect(
        template.slots.flatMap((slot) => (typeof slot === 'object' && slot.part === part ? [slot.slot] : [])),
      ).toEqual(compiled[part].slots);
    }
    expect(template.parts).toHaveLength(template.slots.length + 1);
  });

  it('is DKIM-signed by the transport like any message', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signing = config({
      DKIM_DOMAIN: 'tasteget.example',
      DKIM_SELECTOR: 'nyhetsbrev',
      DKIM_PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      NEWSLETTER_SEND_THREADS: '0',
    });
    const identity = senderIdentity(signing);
    const { prepared } = await campaign(identity);
    const sender = createDeliverySender(signing, identity);
    const before = smtp.mails.length;
    try {
      await sender.send({ key: 'dkim', prepared }, job('dkim@example.se', 7));
    } finally {
      await sender.close();
    }
    const [received] = (await smtp.waitFor(before + 1)).slice(before);
    expect(received.raw).toMatch(
      /^DKIM-Signature: v=1; a=rsa-sha256; c=relaxed\/relaxed; d=tasteget.example;/m,
    );
    expect(received.raw).toMatch(/s=nyhetsbrev/);
  });
});

describe('the sending threads', () => {
  it('send through their own pool, answer each delivery, and pass on a refusal with its SMTP code', async () => {
    const threaded = config({ NEWSLETTER_SEND_THREADS: '2' });
    const identity = senderIdentity(threaded);
    const { prepared } = await campaign(identity);
    const sender = createDeliverySender(threaded, identity);
    const before = smtp.mails.length;
    const addresses = Array.from({ length: 12 }, (_, i) => `trad${i}@example.se`);
    try {
      await Promise.all(addresses.map((to, i) => sender.send({ key: 'c1', prepared }, job(to, i))));
      const refused = await sender
        .send({ key: 'c1', prepared }, job('gone@example.se', 99))
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ responseCode: 550 });
      // A newer version of the campaign replaces the old one in the threads.
      const edited = await campaign(identity);
      await sender.send({ key: 'c2', prepared: edited.prepared }, job('edited@example.se', 100));
    } finally {
      await sender.close();
    }
    const received = (await smtp.waitFor(before + 13)).slice(before);
    expect(received.map((m) => m.envelopeTo[0]).sort()).toEqual([...addresses, 'edited@example.se'].sort());
    expect(new Set(received.map((m) => m.parsed.messageId)).size).toBe(13);
    for (const mail of received) {
      expect(mail.parsed.subject).toBe('Vårens nyheter – åäö ÅÄÖ från Östersund');
      expect(mail.parsed.html).toContain('Åsa');
      expect(headerLine(mail.parsed, 'list-unsubscribe-post')).toBe(
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      );
      expect(headerLine(mail.parsed, 'auto-submitted')).toBe('Auto-Submitted: auto-generated');
    }
    await expect(sender.send({ key: 'c1', prepared }, job('late@example.se'))).rejects.toThrow(/closed/);
  });
});
