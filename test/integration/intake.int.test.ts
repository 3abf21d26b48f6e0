import { gzipSync } from 'node:zlib';
import { email, firstResponseDeadline } from '@tasteget/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntakeCms } from '../support/fixtures';
import {
  intakeSettled,
  magazineOrder,
  post,
  registration,
  submit,
  subscription,
  uniqueEmail,
} from '../support/portal';
import type { TestSmtp } from '../support/smtp';
import type { TestStrapi } from '../support/strapi';

/** The portal's intake endpoints over real HTTP, with a real SMTP server receiving the mail. */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let app: TestStrapi;
let smtp: TestSmtp;

beforeAll(async () => {
  cms = await startIntakeCms();
  ({ app, smtp } = cms);
});
afterAll(async () => {
  await cms?.stop();
});

type Contact = Record<string, unknown> & { documentId: string; municipalities: string[]; topics: string[] };
const contactByEmail = async (email: string) => {
  await intakeSettled(app.strapi);
  return (await app.strapi.documents('api::contact.contact').findMany({
    filters: { email: email.trim().toLowerCase() },
    populate: ['activities', 'magazineOrders', 'newsletterSubscriptions'],
  } as never)) as unknown as (Contact & {
    activities: { kind: string; summary: string; summaryEn?: string | null }[];
  })[];
};

describe('POST /api/registrations', () => {
  it('stores the household, assigns it, sets the deadline, logs it and mails visitor and guide', async () => {
    const body = registration({ municipalities: ['are', 'ostersund'], preferredChannel: 'phone' });
    const res = await submit(app.url, '/api/registrations', body);
    expect(res.status).toBe(201);
    expect(res.body.data?.message).toMatch(/^Tack! Vi har tagit emot din registrering/);
    expect(res.body.data?.messages.en).toMatch(/^Thank you!/);

    const [contact, ...others] = await contactByEmail(body.email);
    expect(others).toHaveLength(0);
    expect(contact).toMatchObject({
      firstName: 'Sara',
      preferredChannel: 'phone',
      municipalities: ['are', 'ostersund'],
      assignedMunicipality: 'are',
      moveStatus: 'new',
      source: 'portal',
      language: 'sv',
      contactConsentVersion: '2026-01',
    });
    expect(contact.contactConsentAt).toBeTruthy();
    expect(new Date(String(contact.firstResponseDueAt)).getTime()).toBeGreaterThan(
      Date.now() + 4 * 86_400_000,
    );
    // Five business days after today, at the end of that day in Stockholm.
    expect(new Date(String(contact.firstResponseDueAt)).toISOString()).toBe(
      firstResponseDeadline(new Date()).toISOString(),
    );
    expect(contact.lastActivityAt).toBeTruthy();
    expect(contact.activities).toHaveLength(1);
    expect(contact.activities[0]).toMatchObject({ kind: 'system' });
    expect(contact.activities[0].summary).toContain('Åre, Östersund');

    const [receipt] = await smtp.waitFor(1, (m) => m.envelopeTo.includes(body.email));
    expect(receipt.parsed.subject).toBe('Tack för din registrering – Ta Steget');
    expect(receipt.parsed.text).toContain('En flyttvägledare i Åre kontaktar dig via telefon senast');
    // Typed "+46 70 123 45 67", stored in E.164. The receipt goes to whatever address was typed:
    // it names the number by its end only, and says the message arrived without quoting it.
    expect(contact.phone).toBe('+46701234567');
    expect(receipt.parsed.text).toMatch(/Kontakt via\s+telefon, numret som slutar på 67/i);
    expect(receipt.parsed.text).toMatch(/Ditt meddelande\s+Har kommit fram och finns hos flyttvägledaren\./i);
    for (const personal of ['070-123 45 67', '+46701234567', body.message!]) {
      expect(receipt.raw).not.toContain(personal);
    }
    expect(receipt.parsed.html).toContain('lang="sv"');
    expect(receipt.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(receipt.parsed.headers.get('message-id')).toBeTruthy();

    // Both municipalities' guides see it; the first listed is responsible.
    const [notice] = await smtp.waitFor(1, (m) => m.envelopeTo.includes('guide.are@example.se'));
    expect(notice.envelopeTo).toEqual(
      expect.arrayContaining(['guide.are@example.se', 'guide.ostersund@example.se']),
    );
    expect(notice.parsed.subject).toMatch(/^Ny kontakt: Sara Lindqvist \(Åre\) – svara senast/);
    // Only what a guide needs to act: name, queue, channel, deadline and the card. The household's
    // address, phone, message and circumstances stay in the register.
    expect(notice.parsed.text).toMatch(/Vill bli kontaktad via\s+Telefon\n/i);
    expect(notice.parsed.text).toContain(
      `/admin/content-manager/collection-types/api::contact.contact/${contact.documentId}`,
    );
    for (const personal of [
      body.email,
      '070-123 45 67',
      '+46701234567',
      body.message!,
      body.occupation!,
      body.currentLocation!,
    ]) {
      expect(notice.raw).not.toContain(personal);
    }
    expect(notice.parsed.replyTo?.text ?? '').not.toContain(body.email);
  });

  it("puts the household's details in the notice where the municipality asked for the full text", async () => {
    const [are] = (await app.strapi.documents('api::kommun.kommun').findMany({
      filters: { municipality: 'are' },
      locale: 'sv',
    } as never)) as unknown as { documentId: string }[];
    const fullText = async (on: boolean) => {
      const kommuner = app.strapi.documents('api::kommun.kommun');
      const where = { documentId: are.documentId, locale: 'sv' };
      await kommuner.update({ ...where, data: { guideNoticeFullText: on } } as never);
      await kommuner.publish(where as never);
    };
    await fullText(true);
    try {
      // Åre asked for the full text, Östersund did not: only Åre's guide gets the details.
      const body = registration({ municipalities: ['ostersund', 'are'] });
      expect((await submit(app.url, '/api/registrations', body)).status).toBe(201);
      const [notice] = await smtp.waitFor(
        1,
        (m) => m.envelopeTo.includes('guide.are@example.se') && m.parsed.text!.includes(body.email),
      );
      expect(notice.envelopeTo).toEqual(['guide.are@example.se']);
      expect(notice.parsed.text).toMatch(/Telefon\s+070-123 45 67/i);
      expect(notice.parsed.text).toMatch(/Meddelande\s+Vi funderar på att flytta till fjällen\./i);
      expect(notice.parsed.replyTo?.text).toContain(body.email);
      const { documentId } = (await app.strapi.db
        .query('api::contact.contact')
        .findOne({ where: { email: body.email } })) as { documentId: string };
      const [brief] = await smtp.waitFor(
        1,
        (m) =>
          m.envelopeTo.includes('guide.ostersund@example.se') && String(m.parsed.html).includes(documentId),
      );
      expect(brief.envelopeTo).toEqual(['guide.ostersund@example.se']);
      for (const personal of [body.email, '070-123 45 67', body.message!]) {
        expect(brief.raw).not.toContain(personal);
      }
      expect(brief.parsed.replyTo?.text ?? '').not.toContain(body.email);
      // Not public: the content API shows the kommun page, never the setting.
      const page = (await fetch(`${app.url}/api/kommuner?filters[municipality]=are`).then((r) =>
        r.json(),
      )) as {
        data: unknown[];
      };
      expect(page.data).toHaveLength(1);
      expect(JSON.stringify(page)).not.toContain('guideNoticeFullText');
    } finally {
      await fullText(false);
    }
  });

  it('answers and mails in English when the visitor writes in English', async () => {
    const body = registration({ language: 'en', municipalities: [] });
    const res = await submit(app.url, '/api/registrations', body);
    expect(res.status).toBe(201);
    expect(res.body.data?.message).toMatch(/^Thank you! We have received your registration/);
    const [receipt] = await smtp.waitFor(1, (m) => m.envelopeTo.includes(body.email));
    expect(receipt.parsed.subject).toBe('Thank you for registering – Ta Steget');
    expect(receipt.parsed.text).toContain('A relocation guide in the region will contact you by e-mail by');
    // No municipality: the region's queue and the region's guide.
    const [contact] = await contactByEmail(body.email);
    expect(contact.assignedMunicipality).toBe('region');
    await smtp.waitFor(
      1,
      (m) => m.envelopeTo.includes('region-guide@example.se') && m.parsed.text!.includes(contact.documentId),
    );
  });

  it('writes in the language the request asks for when the form names none, by primary language', async () => {
    // An API client that sends no language field, asking for English: English throughout.
    const { language: _language, ...body } = registration({ municipalities: [] });
    const res = await submit(app.url, '/api/registrations', body, { 'Accept-Language': 'en-GB, en;q=0.9' });
    expect(res.status).toBe(201);
    expect(res.body.data?.message).toMatch(/^Thank you!/);
    const [receipt] = await smtp.waitFor(1, (m) => m.envelopeTo.includes(body.email));
    expect(receipt.parsed.subject).toBe('Thank you for registering – Ta Steget');
    expect((await contactByEmail(body.email))[0].language).toBe('en');
    // Swedish with a region first, then English: Swedish.
    const swedish = await post(app.url, '/api/registrations', {}, { 'Accept-Language': 'sv-SE, en' });
    expect(swedish.status).toBe(400);
    const asked = async (header: string) =>
      (await post(app.url, '/api/registrations', {}, { 'Accept-Language': header })).body.error?.message;
    expect(swedish.body.error?.message).toBe(await asked('sv'));
    expect(swedish.body.error?.message).not.toBe(await asked('en'));
  });

  it('rejects bad input with one Swedish message per field, English on request, and stores nothing', async () => {
    const email = uniqueEmail();
    const bad = {
      ...registration({ email }),
      preferredChannel: 'phone',
      phone: undefined,
      householdSize: 0,
      consentToContact: false,
    };
    const sv = await submit(app.url, '/api/registrations', bad);
    expect(sv.status).toBe(400);
    expect(sv.body.error?.name).toBe('ValidationError');
    const errors = sv.body.error!.details.errors!;
    expect(errors.map((e) => e.path[0]).sort()).toEqual(['consentToContact', 'householdSize', 'phone']);
    expect(errors.find((e) => e.path[0] === 'phone')!.message).toMatch(/^Ange ett telefonnummer/);
    expect(errors.find((e) => e.path[0] === 'phone')!.messages.en).toMatch(/^Enter a phone number/);

    const en = await submit(
      app.url,
      '/api/registrations',
      { ...bad, language: undefined },
      { 'Accept-Language': 'en-GB,en;q=0.9' },
    );
    expect(en.status).toBe(400);
    expect(en.body.error!.details.errors!.find((e) => e.path[0] === 'consentToContact')!.message).toBe(
      'You need to agree that a relocation guide contacts you.',
    );
    expect(await contactByEmail(email)).toHaveLength(0);
  });

  it('keeps one contact per person: same e-mail in other case and spacing updates and merges', async () => {
    const email = uniqueEmail('Dubbel');
    expect(
      (
        await submit(
          app.url,
          '/api/registrations',
          registration({ email, municipalities: [], topics: ['job'] }),
        )
      ).status,
    ).toBe(201);
    const [first] = await contactByEmail(email);
    expect(first.assignedMunicipality).toBe('region');

    const again = registration({
      email: `  ${email.toUpperCase()} `,
      municipalities: ['ostersund'],
      topics: ['housing', 'job'],
    });
    expect((await submit(app.url, '/api/registrations', again)).status).toBe(201);
    const contacts = await contactByEmail(email);
    expect(contacts).toHaveLength(1);
    const [merged] = contacts;
    expect(merged.documentId).toBe(first.documentId);
    expect(merged.email).toBe(email.toLowerCase());
    expect(merged.municipalities).toEqual(['ostersund']);
    expect(merged.topics).toEqual(['job', 'housing']);
    // From the region's queue to the municipality now chosen; the deadline is never recomputed.
    expect(merged.assignedMunicipality).toBe('ostersund');
    expect(merged.firstResponseDueAt).toBe(first.firstResponseDueAt);
    expect(merged.activities).toHaveLength(2);
  });

  it('takes an address at a domain in Swedish letters, keeps it in ASCII form and mails it there', async () => {
    const local = uniqueEmail('idn').split('@')[0];
    const res = await submit(
      app.url,
      '/api/registrations',
      registration({ email: `${local}@Räksmörgås.se` }),
    );
    expect(res.status).toBe(201);
    const ascii = `${local}@xn--rksmrgs-5wao1o.se`.toLowerCase();
    const [contact] = await contactByEmail(ascii);
    expect(contact.email).toBe(ascii);
    // Nodemailer writes the domain on the wire in the form the server takes (SMTPUTF8 or not).
    const sameAddress = (address: string) => email.parse(address).toLowerCase() === ascii;
    const [receipt] = await smtp.waitFor(1, (m) => m.envelopeTo.some(sameAddress));
    expect(receipt.parsed.subject).toMatch(/registrering/i);
    // A return visit typed the other way finds the same person.
    expect((await submit(app.url, '/api/registrations', registration({ email: ascii }))).status).toBe(201);
    expect(await contactByEmail(ascii)).toHaveLength(1);
  });

  it('merges a return visit: what is left out stays, lists merge, the household updates, and who she is and how to reach her change only through the guide', async () => {
    const email = uniqueEmail('asa');
    const first = registration({
      email,
      firstName: 'Åsa',
      phone: '070-123 45 67',
      preferredChannel: 'phone',
      householdSize: 4,
      children: 2,
      countyTie: 'lived-here-before',
      municipalities: ['krokom'],
      topics: ['job'],
    });
    expect((await submit(app.url, '/api/registrations', first)).status).toBe(201);
    await contactByEmail(email);

    // A week later: her e-mail and a second municipality, nothing else (no channel, no household).
    const {
      preferredChannel,
      householdSize,
      children,
      phone,
      occupation,
      currentLocation,
      plannedMoveTime,
      ...rest
    } = registration({ email, firstName: 'Åsa', municipalities: ['are'], topics: [] });
    void [preferredChannel, householdSize, children, phone, occupation, currentLocation, plannedMoveTime];
    expect((await submit(app.url, '/api/registrations', rest)).status).toBe(201);
    const [kept] = await contactByEmail(email);
    expect(kept).toMatchObject({
      preferredChannel: 'phone',
      phone: '+46701234567', // typed "070-123 45 67": stored in E.164
      householdSize: 4,
      children: 2,
      countyTie: 'lived-here-before',
      occupation: 'Sjuksköterska',
      municipalities: ['krokom', 'are'],
      topics: ['job'],
    });
    // Her guide's notice says what she asked for: a call.
    const [notice] = await smtp.waitFor(
      1,
      (m) => m.parsed.subject?.startsWith('Ny registrering: Åsa') === true,
    );
    expect(notice.parsed.text).toMatch(/Vill bli kontaktad via:?\s+Telefon/i);

    // Then the form asks for e-mail, another number, name and language. A form proves no one owns
    // the address: those wait for her guide, noted on the card, and the receipt to her address
    // says so. The household's new size is taken, with the old one on the card.
    const changed = registration({
      email,
      firstName: 'Åsa',
      lastName: 'Bergström',
      language: 'en',
      preferredChannel: 'email',
      phone: '+46 70 999 88 77',
      municipalities: [],
      topics: [],
    });
    expect((await submit(app.url, '/api/registrations', changed)).status).toBe(201);
    const [after] = await contactByEmail(email);
    expect(after).toMatchObject({
      preferredChannel: 'phone',
      phone: '+46701234567',
      lastName: 'Lindqvist',
      language: 'sv',
      householdSize: 3,
      children: 1,
    });
    const log = after.activities.map((a) => a.summary).join('\n');
    expect(log).toContain('Ändrat: personer i hushållet 4 → 3; barn 2 → 1');
    const held =
      /Formuläret angav också, inte ändrat \(bekräfta med personen, ändra sedan på kortet\): (.*)\./.exec(
        log,
      )?.[1];
    for (const change of [
      'efternamn Lindqvist → Bergström',
      'telefon 070-123 45 67 → 070-999 88 77',
      'vill bli kontaktad via Telefon → E-post',
      'språk svenska → engelska',
    ]) {
      expect(held).toContain(change);
    }
    // The same line in English, for a guide whose admin is in English.
    const logEn = after.activities.map((a) => a.summaryEn ?? '').join('\n');
    expect(logEn).toMatch(/^Registered again via /m);
    expect(logEn).toContain('Changed: people in the household 4 → 3; children 2 → 1');
    expect(logEn).toMatch(
      /The form also gave, not changed \(confirm with the person, then change the card\): .*last name Lindqvist → Bergström.*phone 070-123 45 67 → 070-999 88 77.*language Swedish → English/,
    );
    const receipts = await smtp.waitFor(
      3,
      (m) => m.envelopeTo.includes(email) && /registrering|registering/.test(m.parsed.subject ?? ''),
    );
    // In the language of the form she just sent (the card keeps Swedish until her guide hears
    // otherwise), to her name, saying what happened and how to change it.
    const last = receipts.at(-1)!.parsed;
    expect(last.subject).toBe('Thank you for registering – Ta Steget');
    expect(last.text).toContain('Thank you for registering, Åsa!');
    expect(last.text).toContain('You were already registered with us');
    expect(last.text).toContain('Your name, phone number, way of contact and language do not change');
    expect(receipts[1].parsed.text).toContain('Du var redan registrerad hos oss');
    expect(receipts[1].parsed.text).not.toContain('Namn, telefonnummer, kontaktsätt och språk');
    // Her guide learns that the form asked for changes, and where to read them, never the values.
    const notices = await smtp.waitFor(
      2,
      (m) => m.parsed.subject?.startsWith('Ny registrering: Åsa') === true,
    );
    const flatNotice = (i: number) => String(notices[i].parsed.text).replace(/\s+/g, ' ');
    expect(flatNotice(1)).toContain(
      'Formuläret angav ett annat namn, telefonnummer, kontaktsätt eller språk än kortet har. Det står i kortets logg: bekräfta med personen innan du ändrar kortet.',
    );
    expect(notices[1].raw).not.toContain('999 88 77');
    expect(flatNotice(0)).not.toContain('Formuläret angav ett annat');
    expect(flatNotice(0)).toMatch(/Språk:? Svenska/i);

    // A household the form would refuse (more children than people) is never made by a merge.
    const alone = registration({ email, firstName: 'Åsa', householdSize: 1, municipalities: [], topics: [] });
    delete (alone as { children?: number }).children;
    expect((await submit(app.url, '/api/registrations', alone)).status).toBe(201);
    const [kept2] = await contactByEmail(email);
    expect(kept2).toMatchObject({ householdSize: 3, children: 1 });
    expect(kept2.activities.at(-1)!.summary).toMatch(/inte ändrat .*personer i hushållet 3 → 1/);
  });

  it('fills what the card lacks on a return visit: a phone and a way to reach given for the first time', async () => {
    const email = uniqueEmail('fyll');
    const { phone, ...withoutPhone } = registration({ email, firstName: 'Ida', preferredChannel: 'email' });
    void phone;
    expect((await submit(app.url, '/api/registrations', withoutPhone)).status).toBe(201);
    expect((await contactByEmail(email))[0].phone).toBeNull();
    const withPhone = registration({
      email,
      firstName: 'Ida',
      phone: '070-111 22 33',
      preferredChannel: 'email',
    });
    expect((await submit(app.url, '/api/registrations', withPhone)).status).toBe(201);
    const [card] = await contactByEmail(email);
    expect(card.phone).toBe('+46701112233');
    expect(card.activities.map((a) => a.summary).join('\n')).not.toContain('Formuläret angav också');
  });

  it('promises no deadline already passed on a return visit: as soon as possible while unanswered, none once answered', async () => {
    const email = uniqueEmail('atervand');
    const body = registration({ email, firstName: 'Märta', municipalities: ['are'] });
    expect((await submit(app.url, '/api/registrations', body)).status).toBe(201);
    const [contact] = await contactByEmail(email);
    const contacts = app.strapi.db.query('api::contact.contact');
    // The text part is wrapped at 78 characters.
    const flat = (text: string | false | undefined) => String(text).replace(/\s+/g, ' ');
    const isReceipt = (m: (typeof smtp.mails)[number]) => m.envelopeTo.includes(email);
    const isNotice = (m: (typeof smtp.mails)[number]) =>
      m.envelopeTo.includes('guide.are@example.se') && String(m.parsed.html).includes(contact.documentId);

    // Months later, never answered: the deadline has passed.
    await contacts.update({
      where: { id: contact.id },
      data: { firstResponseDueAt: new Date('2026-01-09T22:59:59Z') },
    });
    expect((await submit(app.url, '/api/registrations', body)).status).toBe(201);
    const receipt = (await smtp.waitFor(2, isReceipt))[1];
    expect(flat(receipt.parsed.text)).toContain(
      'En flyttvägledare i Åre kontaktar dig via e-post så snart som möjligt.',
    );
    expect(flat(receipt.parsed.text)).not.toMatch(/senast/);
    const notice = (await smtp.waitFor(2, isNotice))[1];
    expect(notice.parsed.subject).toBe('Ny registrering: Märta Lindqvist (Åre) – svara snarast');
    expect(flat(notice.parsed.text)).toContain(
      'Första svar skulle ha getts senast 9 januari 2026: svara snarast',
    );

    // Answered since: the mails name no deadline at all.
    await contacts.update({
      where: { id: contact.id },
      data: { firstRespondedAt: new Date('2026-01-12T09:00:00Z') },
    });
    expect((await submit(app.url, '/api/registrations', body)).status).toBe(201);
    const answeredReceipt = (await smtp.waitFor(3, isReceipt))[2];
    expect(flat(answeredReceipt.parsed.text)).toContain(
      'Din flyttvägledare i Åre har fått dina nya uppgifter och hör av sig via e-post.',
    );
    expect(flat(answeredReceipt.parsed.text)).not.toMatch(/senast/);
    const answeredNotice = (await smtp.waitFor(3, isNotice))[2];
    expect(answeredNotice.parsed.subject).toBe('Ny registrering: Märta Lindqvist (Åre) – redan besvarad');
    expect(flat(answeredNotice.parsed.text)).toContain('Kontakten fick sitt första svar 12 januari 2026.');
  });

  it('opens a closed contact again when the household comes back: unanswered is New with a deadline from the visit, answered is In dialog, moved stays moved', async () => {
    const contacts = app.strapi.db.query('api::contact.contact');
    const comesBack = async (name: string, data: Record<string, unknown>) => {
      const email = uniqueEmail(name);
      const body = registration({ email, firstName: 'Åsa', municipalities: ['berg'] });
      expect((await submit(app.url, '/api/registrations', body)).status).toBe(201);
      const [first] = await contactByEmail(email);
      await contacts.update({ where: { id: first.id }, data });
      const before = firstResponseDeadline(new Date());
      expect((await submit(app.url, '/api/registrations', body)).status).toBe(201);
      const [again] = await contactByEmail(email);
      return { again, before, after: firstResponseDeadline(new Date()) };
    };
    const longAgo = new Date('2026-01-09T22:59:59Z');
    const lastLine = (c: { activities: { summary: string }[] }) => c.activities.at(-1)!.summary;

    const unanswered = await comesBack('stangd-obesvarad', {
      moveStatus: 'not-moving',
      firstResponseDueAt: longAgo,
      closedAt: longAgo,
    });
    expect(unanswered.again).toMatchObject({ moveStatus: 'new', closedAt: null });
    const due = new Date(String(unanswered.again.firstResponseDueAt)).getTime();
    expect(due).toBeGreaterThanOrEqual(unanswered.before.getTime());
    expect(due).toBeLessThanOrEqual(unanswered.after.getTime());
    expect(lastLine(unanswered.again)).toMatch(/Flyttar inte → Ny/);

    const answeredAt = new Date('2026-01-12T09:00:00Z');
    const answered = await comesBack('stangd-besvarad', {
      moveStatus: 'closed',
      firstResponseDueAt: longAgo,
      firstRespondedAt: answeredAt,
    });
    expect(answered.again).toMatchObject({ moveStatus: 'in-dialog' });
    expect(new Date(String(answered.again.firstRespondedAt))).toEqual(answeredAt);
    expect(new Date(String(answered.again.firstResponseDueAt))).toEqual(longAgo);
    expect(lastLine(answered.again)).toMatch(/Avslutad → I dialog/);

    const moved = await comesBack('flyttat', {
      moveStatus: 'moved',
      movedTo: 'berg',
      movedAt: '2026-06-01',
      firstRespondedAt: answeredAt,
    });
    expect(moved.again).toMatchObject({ moveStatus: 'moved', movedTo: 'berg' });
  });

  it('stores "not given" on a first visit as unknown, never as a form default', async () => {
    const email = uniqueEmail('okand');
    const { preferredChannel, householdSize, children, ...rest } = registration({ email });
    void [preferredChannel, householdSize, children];
    expect((await submit(app.url, '/api/registrations', rest)).status).toBe(201);
    const [contact] = await contactByEmail(email);
    // E-mail is how a guide answers someone who named no channel; the household stays unknown.
    expect(contact).toMatchObject({
      preferredChannel: 'email',
      householdSize: null,
      children: null,
      countyTie: null,
    });
  });

  it('creates the magazine order and the pending subscription a registration asks for', async () => {
    const body = registration({
      newsletterConsent: true,
      magazine: {
        edition: 'ta-steget-2026',
        quantity: 1,
        postalAddress: { street: 'Kyrkvägen 2', postalCode: '837 52', city: 'Järpen' },
      },
    });
    expect((await submit(app.url, '/api/registrations', body)).status).toBe(201);
    const [contact] = (await contactByEmail(body.email)) as unknown as {
      magazineOrders: { quantity: number; orderStatus: string }[];
      newsletterSubscriptions: { subscriptionStatus: string }[];
      newsletterConsentVersion: string;
    }[];
    expect(contact.magazineOrders).toMatchObject([{ quantity: 1, orderStatus: 'new' }]);
    expect(contact.newsletterSubscriptions).toMatchObject([{ subscriptionStatus: 'pending' }]);
    expect(contact.newsletterConsentVersion).toBe('2026-01');
    await smtp.waitFor(3, (m) => m.envelopeTo.includes(body.email)); // receipt, order receipt, confirm link
  });
});

describe('POST /api/magazine-orders', () => {
  it('stores the order, confirms it by mail and links it to a known contact', async () => {
    const email = uniqueEmail();
    expect((await submit(app.url, '/api/registrations', registration({ email }))).status).toBe(201);
    await intakeSettled(app.strapi); // the contact exists before the order arrives
    const order = magazineOrder({
      email: email.toUpperCase(),
      postalAddress: { street: 'Hauptstraße 5', postalCode: '10115', city: 'Berlin', country: 'de' },
      language: 'en',
    });
    const res = await submit(app.url, '/api/magazine-orders', order);
    expect(res.status).toBe(201);
    expect(res.body.data?.message).toBe('Thank you for your order! The magazine will be posted to you.');
    const [contact] = (await contactByEmail(email)) as unknown as {
      magazineOrders: { quantity: number; address?: unknown }[];
      activities: { summary: string }[];
    }[];
    expect(contact.magazineOrders).toHaveLength(1);
    expect(contact.activities.map((a) => a.summary).join(' ')).toContain('Beställde 2 ex av Ta Steget 2026');
    const [mail] = await smtp.waitFor(
      1,
      (m) => m.envelopeTo.includes(email) && m.parsed.subject === 'Your order of Ta Steget 2026',
    );
    // Where it goes by town only: a mistyped address's inbox learns no one's street or name.
    expect(mail.parsed.text).toMatch(/Posted to:?\s+10115 Berlin, DE/i);
    expect(mail.raw).not.toContain('Hauptstra');
    expect(mail.raw).not.toContain(order.name);
    expect(mail.parsed.text?.replace(/\s+/g, ' ')).toContain(
      'Is the town wrong, or did you not order? Reply to this e-mail.',
    );
  });

  it('refuses an edition that cannot be ordered, a bad postal code and too many copies', async () => {
    const old = await submit(app.url, '/api/magazine-orders', magazineOrder({ edition: 'ta-steget-2024' }));
    expect(old.status).toBe(400);
    expect(old.body.error!.details.errors![0]).toMatchObject({
      path: ['edition'],
      message: 'Välj en utgåva av magasinet som går att beställa.',
    });
    const bad = await submit(app.url, '/api/magazine-orders', {
      ...magazineOrder(),
      quantity: 500,
      postalAddress: { street: 'Storgatan 1', postalCode: '8313', city: 'Östersund' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.details.errors!.map((e) => e.path.join('.')).sort()).toEqual([
      'postalAddress.postalCode',
      'quantity',
    ]);
  });
});

describe('newsletter subscription: double opt-in and one-click unsubscribe', () => {
  it('subscribes, confirms through a page whose button POSTs, and unsubscribes at once', async () => {
    const body = subscription();
    const res = await submit(app.url, '/api/newsletter/subscriptions', body);
    expect(res.status).toBe(201);
    expect(res.body.data?.message).toMatch(/^Nästan klart!/);

    const [mail] = await smtp.waitFor(1, (m) => m.envelopeTo.includes(body.email));
    expect(mail.parsed.subject).toBe('Bekräfta din prenumeration: Ta Stegets nyhetsbrev');
    expect(mail.parsed.text).toContain('Du har anmält dig till Ta Stegets nyhetsbrev. Bekräfta');
    const link = /https?:\/\/\S+\/api\/newsletter\/confirm\?token=[\w-]+/.exec(mail.parsed.text!)![0];
    const subscriptionRow = async () =>
      (await app.strapi
        .documents('api::newsletter-subscription.newsletter-subscription')
        .findFirst({ filters: { email: body.email } } as never)) as unknown as {
        subscriptionStatus: string;
        unsubscribeToken: string;
      };

    // A mail scanner following the link changes nothing.
    const pageRes = await fetch(link.replace(/^https?:\/\/[^/]+/, app.url));
    expect(pageRes.status).toBe(200);
    const html = await pageRes.text();
    expect(html).toContain('<form method="post"');
    expect(html).toContain('Bekräfta prenumerationen');
    expect((await subscriptionRow()).subscriptionStatus).toBe('pending');

    const confirm = await fetch(link.replace(/^https?:\/\/[^/]+/, app.url), { method: 'POST' });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Tack, nu prenumererar du!');
    expect((await subscriptionRow()).subscriptionStatus).toBe('confirmed');
    // Opened again, the link says it is done, with no button to press for nothing.
    const confirmedAgain = await (await fetch(link.replace(/^https?:\/\/[^/]+/, app.url))).text();
    expect(confirmedAgain).toContain('Tack, nu prenumererar du!');
    expect(confirmedAgain).not.toContain('<form');
    // …and leads on to the preference centre, which the confirm token does not open.
    expect(confirmedAgain).toContain(
      `/api/newsletter/preferences?token=${(await subscriptionRow()).unsubscribeToken}`,
    );

    // Subscribed again by anyone: the answer is a new subscriber's, so the form tells no one who
    // subscribes; the address's owner is told by mail, with the way to their preferences.
    // Nor does the form change what the owner chose: that takes their preferences link.
    const again = await submit(
      app.url,
      '/api/newsletter/subscriptions',
      subscription({ email: body.email, interests: ['housing'], municipalities: ['are'], language: 'en' }),
    );
    expect(again.status).toBe(201);
    const stranger = await submit(app.url, '/api/newsletter/subscriptions', subscription({ language: 'en' }));
    expect(again.body.data?.message).toBe(stranger.body.data?.message);
    const [told] = await smtp.waitFor(
      1,
      (m) =>
        m.envelopeTo.includes(body.email) &&
        m.parsed.subject === 'Du prenumererar redan: Ta Stegets nyhetsbrev',
    );
    expect(told.parsed.text).toContain('/api/newsletter/preferences?token=');
    expect(await subscriptionRow()).toMatchObject({
      subscriptionStatus: 'confirmed',
      interests: ['remote-work'],
      municipalities: ['ostersund'],
      language: 'sv',
    });

    // RFC 8058 one-click: a POST with List-Unsubscribe=One-Click, no login, effective at once.
    const token = (await subscriptionRow()).unsubscribeToken;
    const unsubscribePage = await fetch(`${app.url}/api/newsletter/unsubscribe?token=${token}`);
    const unsubscribeHtml = await unsubscribePage.text();
    expect(unsubscribeHtml).toContain('Avregistrera mig');
    // Its way on leads to the portal, not to the CMS's own root (the admin's login).
    const portal = (process.env.SITE_URL ?? 'http://127.0.0.1:4321').replace(/\/$/, '');
    expect(unsubscribeHtml).toContain(`<a href="${portal}/">Ta Steget</a>`);
    expect((await subscriptionRow()).subscriptionStatus).toBe('confirmed');
    const oneClick = await fetch(`${app.url}/api/newsletter/unsubscribe?token=${token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Du får inte längre Ta Stegets nyhetsbrev.');
    expect((await subscriptionRow()).subscriptionStatus).toBe('unsubscribed');
    // Again: still fine, still unsubscribed.
    expect(
      (await fetch(`${app.url}/api/newsletter/unsubscribe?token=${token}`, { method: 'POST' })).status,
    ).toBe(200);
    // The link opened again says it is done, and leads on to the preferences.
    const leftAgain = await (await fetch(`${app.url}/api/newsletter/unsubscribe?token=${token}`)).text();
    expect(leftAgain).toContain('Du är avregistrerad');
    expect(leftAgain).toContain('Du får inte längre Ta Stegets nyhetsbrev.');
    expect(leftAgain).not.toContain('<form');
    expect(leftAgain).toContain('/api/newsletter/preferences?token=');
  });

  it('lets an opt-in link expire after seven days, and offers to subscribe again', async () => {
    const body = subscription();
    expect((await submit(app.url, '/api/newsletter/subscriptions', body)).status).toBe(201);
    const [mail] = await smtp.waitFor(1, (m) => m.envelopeTo.includes(body.email));
    const link = /https?:\/\/\S+\/api\/newsletter\/confirm\?token=[\w-]+/
      .exec(mail.parsed.text!)![0]
      .replace(/^https?:\/\/[^/]+/, app.url);
    const rows = app.strapi.db.query('api::newsletter-subscription.newsletter-subscription');
    const sentAt = (await rows.findOne({ where: { email: body.email } })).confirmSentAt;
    expect(sentAt).toBeTruthy();

    // Six days and 23 hours on, the link still works; a little over seven days, it does not.
    const age = async (ms: number) =>
      rows.update({ where: { email: body.email }, data: { confirmSentAt: new Date(Date.now() - ms) } });
    await age(7 * 86_400_000 - 3_600_000);
    expect((await fetch(link)).status).toBe(200);
    await age(7 * 86_400_000 + 60_000);
    const page = await fetch(link);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(html).toContain('Länken har gått ut');
    expect(html).toMatch(/<a href="http:\/\/[^"]+\/nyhetsbrev">Prenumerera på nyhetsbrevet<\/a>/);
    const confirm = await fetch(link, { method: 'POST', headers: { Accept: 'application/json' } });
    expect(confirm.status).toBe(410);
    expect(await confirm.json()).toEqual({ error: 'expired-token' });
    expect((await rows.findOne({ where: { email: body.email } })).subscriptionStatus).toBe('pending');

    // Subscribing again sends a new link, which works.
    expect(
      (await submit(app.url, '/api/newsletter/subscriptions', subscription({ email: body.email }))).status,
    ).toBe(201);
    const mails = await smtp.waitFor(2, (m) => m.envelopeTo.includes(body.email));
    const fresh = /https?:\/\/\S+\/api\/newsletter\/confirm\?token=[\w-]+/
      .exec(mails[1].parsed.text!)![0]
      .replace(/^https?:\/\/[^/]+/, app.url);
    expect(fresh).not.toBe(link);
    // Mail to the address had bounced three times (a full mailbox, since emptied): the campaigns
    // leave such an address out. A link opened from the mailbox shows it takes mail again.
    await rows.update({ where: { email: body.email }, data: { bounceCount: 3 } });
    expect((await fetch(fresh, { method: 'POST' })).status).toBe(200);
    expect(await rows.findOne({ where: { email: body.email } })).toMatchObject({
      subscriptionStatus: 'confirmed',
      bounceCount: 0,
    });
  });

  it('answers 400 with a page for unknown or malformed tokens', async () => {
    for (const path of [
      '/api/newsletter/confirm?token=x',
      `/api/newsletter/confirm?token=${'a'.repeat(43)}`,
      '/api/newsletter/unsubscribe',
      '/api/event-registrations/cancel?token=x',
      '/api/contact-consent/withdraw?token=x',
    ]) {
      const get = await fetch(`${app.url}${path}`);
      expect(get.status, path).toBe(400);
      const text = await get.text();
      expect(text).toContain('Länken fungerar inte');
      // Words that fit every link in mail: no "sign up again" under a consent or event link.
      expect(text).toContain('öppna den från ett nyare mejl');
      expect(text).not.toContain('anmäl dig igen');
      expect((await fetch(`${app.url}${path}`, { method: 'POST' })).status, path).toBe(400);
    }
  });
});

describe('spam checks', () => {
  it('refuses a filled honeypot, a missing, forged or reused challenge, and stores nothing', async () => {
    const email = uniqueEmail('spam');
    const body = registration({ email });
    expect(
      (await submit(app.url, '/api/registrations', { ...body, website: 'http://spam.example' })).status,
    ).toBe(400);
    expect((await post(app.url, '/api/registrations', body)).body.error!.details.errors![0].path).toEqual([
      'challenge',
    ]);
    expect(
      (await post(app.url, '/api/registrations', { ...body, challenge: btoa('{"number":1}') })).status,
    ).toBe(400);

    const ok = await submit(app.url, '/api/registrations', registration());
    expect(ok.status).toBe(201);
    expect(await contactByEmail(email)).toHaveLength(0);
  });

  it('refuses a challenge used twice, and stores nothing the second time', async () => {
    const { solvedChallenge } = await import('../support/portal');
    const challenge = await solvedChallenge(app.url);
    const email = uniqueEmail('twice');
    expect(
      (await post(app.url, '/api/registrations', { ...registration({ email }), challenge })).status,
    ).toBe(201);
    const other = uniqueEmail('twice-other');
    const second = await post(app.url, '/api/registrations', {
      ...registration({ email: other }),
      challenge,
    });
    expect(second.status).toBe(400);
    expect(second.body.error!.message).toMatch(/redan skickats/);
    expect(await contactByEmail(email)).toHaveLength(1);
    expect(await contactByEmail(other)).toHaveLength(0);
  });

  it('spends a challenge only with a registration it stored: refused for its phone number, the corrected form goes through', async () => {
    const { solvedChallenge } = await import('../support/portal');
    const challenge = await solvedChallenge(app.url);
    const email = uniqueEmail('rattat');
    const wrong = await post(app.url, '/api/registrations', {
      ...registration({ email, phone: '070-12 34', preferredChannel: 'phone' }),
      challenge,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error!.details.errors!.map((e) => e.path.join('.'))).toEqual(['phone']);
    expect(await contactByEmail(email)).toHaveLength(0);

    const right = {
      ...registration({ email, phone: '070-123 45 67', preferredChannel: 'phone' }),
      challenge,
    };
    expect((await post(app.url, '/api/registrations', right)).status).toBe(201);
    expect((await post(app.url, '/api/registrations', right)).status).toBe(400);
    const [contact] = await contactByEmail(email);
    expect(contact.phone).toBe('+46701234567');
  });

  it('leaves a proof unspent when the row it was spent with could not be stored', async () => {
    const { insertWithProof, recordUse } = await import('../../cms/src/intake/challenge');
    const proof = { key: `test:${uniqueEmail('proof')}`, expiresAt: Date.now() + 60_000 };
    // A column the inbox does not have: the insert fails, on either database.
    await expect(
      insertWithProof(app.strapi, proof, 'intake_inbox', { no_such_column: 'x' }),
    ).rejects.toThrow();
    expect(await recordUse(app.strapi, proof)).toBe('ok');
    expect(await recordUse(app.strapi, proof)).toBe('reused');
  });

  it('refuses a form sent faster than the minimum fill time', async () => {
    process.env.PORTAL_MIN_FILL_SECONDS = '30';
    try {
      const res = await submit(app.url, '/api/registrations', registration());
      expect(res.status).toBe(400);
      expect(res.body.error!.message).toMatch(/för snabbt/);
    } finally {
      process.env.PORTAL_MIN_FILL_SECONDS = '0';
    }
  });

  it("takes a no-script form's confirmation only with the data it showed, and only on its own form", async () => {
    const asForm = (path: string, fields: [string, string][]) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const email = uniqueEmail('utan-skript');
    const first = await asForm('/api/registrations', [
      ['firstName', 'Olle'],
      ['email', email],
      ['municipalities', 'krokom'],
      ['consentToContact', 'on'],
      ['language', 'sv'],
    ]);
    expect(first.status).toBe(200);
    const page = await first.text();
    expect(page).toContain('Kontrollera och skicka');
    const shown = [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
      ([, name, value]): [string, string] => [name, value.replace(/&amp;/g, '&').replace(/&#39;/g, "'")],
    );
    const token = shown.find(([name]) => name === 'formToken')![1];
    const refused = async (res: Response) => {
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('Säkerhetskontrollen misslyckades');
    };
    // Another address with the same token, or the token on another form: refused, nothing stored.
    await refused(
      await asForm(
        '/api/registrations',
        shown.map(([n, v]) => [n, n === 'email' ? uniqueEmail('annan') : v]),
      ),
    );
    await refused(
      await asForm('/api/magazine-orders', [
        ['edition', 'ta-steget-2026'],
        ['quantity', '1'],
        ['name', 'Olle'],
        ['email', email],
        ['postalAddress.street', 'Storgatan 1'],
        ['postalAddress.postalCode', '831 30'],
        ['postalAddress.city', 'Östersund'],
        ['postalAddress.country', 'SE'],
        ['language', 'sv'],
        ['formToken', token],
      ]),
    );
    expect(await contactByEmail(email)).toEqual([]);
    // The data it showed, in any order, to the form it came from: stored.
    const done = await asForm('/api/registrations', [...shown].reverse());
    expect(done.status).toBe(201);
    expect(await contactByEmail(email)).toMatchObject([{ firstName: 'Olle' }]);
  });

  it('answers CORS only for the portal origin', async () => {
    const allowed = await fetch(`${app.url}/api/registrations`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:4321', 'Access-Control-Request-Method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4321');
    const foreign = await fetch(`${app.url}/api/registrations`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });

  it('answers a body that is not compressed as it says with a 400, on a form and elsewhere', async () => {
    const garbled = (encoding: string, language = 'sv', path = '/api/registrations') =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Encoding': encoding,
          'Accept-Language': language,
          Origin: 'http://127.0.0.1:4321',
        },
        body: '{}',
      });
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const res = await garbled(encoding);
      expect(res.status, encoding).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        'Formuläret kunde inte läsas. Ladda om sidan och försök igen.',
      );
    }
    const english = await garbled('gzip', 'en');
    expect(((await english.json()) as { error: { message: string } }).error.message).toBe(
      'The form could not be read. Reload the page and try again.',
    );
    expect((await garbled('bogus')).status).toBe(415);
    // Outside the forms: the admin's sign-in, told in the language asked.
    const login = await garbled('gzip', 'sv', '/admin/login');
    expect(login.status).toBe(400);
    expect(((await login.json()) as { error: { message: string } }).error.message).toBe(
      'Innehållet kunde inte packas upp: det är inte komprimerat så som Content-Encoding säger.',
    );
    const englishLogin = await garbled('deflate', 'en', '/admin/login');
    expect(((await englishLogin.json()) as { error: { message: string } }).error.message).toBe(
      'The body could not be decompressed: it is not compressed as its Content-Encoding says.',
    );
    const unsupported = await garbled('bogus', 'sv', '/admin/login');
    expect(unsupported.status).toBe(415);
    expect(((await unsupported.json()) as { error: { message: string } }).error.message).toMatch(
      /^Innehållets Content-Encoding kan inte läsas/,
    );
    // A body compressed as it says is read.
    const compressed = await fetch(`${app.url}/api/registrations`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        Origin: 'http://127.0.0.1:4321',
      },
      body: gzipSync('{}'),
    });
    expect(compressed.status).toBe(400);
    expect(((await compressed.json()) as { error: { message: string } }).error.message).not.toMatch(
      /kunde inte läsas/,
    );
  });

  it('sends no CORS headers to a request that names no origin', async () => {
    // Strapi's own answer to these named an empty origin and allowed credentials.
    const plain = await fetch(`${app.url}/api/stories`);
    expect(plain.status).toBe(200);
    expect(plain.headers.has('access-control-allow-origin')).toBe(false);
    expect(plain.headers.has('access-control-allow-credentials')).toBe(false);
    const fromPortal = await fetch(`${app.url}/api/stories`, {
      headers: { Origin: 'http://127.0.0.1:4321' },
    });
    expect(fromPortal.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4321');
  });
});
