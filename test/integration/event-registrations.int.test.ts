import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntakeCms } from '../support/fixtures';
import { adminSession } from '../support/admin';
import { createCampaign, newsletter, seedContact, waitUntilSent } from '../support/newsletter';
import { submit, uniqueEmail } from '../support/portal';
import type { ReceivedMail, TestSmtp } from '../support/smtp';
import type { TestStrapi } from '../support/strapi';

/**
 * Sign-ups to an event over real HTTP, with a real SMTP server: a full event puts the next person
 * on the waiting list, a cancellation moves them up, and the confirmations carry the event as an
 * iCalendar file that a real parser (ical.js) reads back. The day-before reminder goes once.
 */
const EVENT = 'api::event.event';
const REGISTRATION = 'api::event-registration.event-registration';
const PUBLIC_URL = 'https://cms.tasteget.example';
const DAY = 86_400_000;
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let app: TestStrapi;
let smtp: TestSmtp;
// Calendar files keep whole seconds.
const startsAt = new Date(Math.floor((Date.now() + 10 * DAY) / 60_000) * 60_000);
const description = [
  { type: 'paragraph', children: [{ type: 'text', text: 'Fika och frågor om att flytta hit.' }] },
];

async function event(slug: string, data: Record<string, unknown>): Promise<{ documentId: string }> {
  return app.strapi.documents(EVENT).create({
    data: {
      title: `Inflyttarträff ${slug}`,
      slug,
      startsAt,
      place: 'Folkets hus, Krokom',
      description,
      ...data,
    },
    locale: 'sv',
    status: 'published',
  } as never);
}

beforeAll(async () => {
  cms = await startIntakeCms({ PUBLIC_URL, NEWSLETTER_POLL_MS: '100' });
  ({ app, smtp } = cms);
  await event('full-snart', { signUpOpen: true, capacity: 2 });
  await event('utan-anmalan', { signUpOpen: false });
  await event('har-varit', { signUpOpen: true, startsAt: new Date(Date.now() - DAY) });
  await event('platser', { signUpOpen: true, capacity: 3 });
  await event('obegransat', { signUpOpen: true });
}, 120_000);
afterAll(async () => {
  await cms?.stop();
});

const signUp = (email: string, fields: Record<string, unknown> = {}) =>
  submit(app.url, '/api/event-registrations', {
    event: 'full-snart',
    name: 'Lina Berg',
    email,
    participants: 1,
    language: 'sv',
    consent: true,
    ...fields,
  });
/** The latest of `count` mails to the address with the subject, once that many have come. */
const mailTo = async (email: string, subject: RegExp, count = 1) =>
  (await smtp.waitFor(count, (m) => m.envelopeTo.includes(email) && subject.test(m.parsed.subject ?? ''))).at(
    -1,
  )!;
const statusOf = async (email: string) =>
  ((await app.strapi.db.query(REGISTRATION).findOne({ where: { email } })) as { registrationStatus: string })
    .registrationStatus;

/** The VEVENT of a mail's .ics attachment, as a calendar program reads it. */
function calendarOf(mail: ReceivedMail) {
  const file = mail.parsed.attachments.find((a) => a.filename === 'evenemang.ics');
  if (!file) throw new Error('no calendar file');
  expect(file.contentType).toBe('text/calendar');
  const calendar = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
  // The file states its method itself (RFC 5546), as the mail's Content-Type does.
  expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
  return new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
}

describe('event sign-up', () => {
  it('fills the places, puts the next on the waiting list, and moves them up when someone cancels', async () => {
    const family = uniqueEmail('familj');
    const single = uniqueEmail('ensam');
    const contact = await seedContact(app.strapi, { email: single, firstName: 'Olle' });

    const first = await signUp(family, { participants: 2, name: 'Familjen Ek' });
    expect(first.status).toBe(201);
    expect(first.body.data?.message).toMatch(/^Du är anmäld!/);
    const confirmation = await mailTo(family, /^Du är anmäld: Inflyttarträff full-snart$/);
    const calendar = calendarOf(confirmation);
    expect(calendar.summary).toBe('Inflyttarträff full-snart');
    expect(calendar.location).toBe('Folkets hus, Krokom');
    expect(calendar.startDate.toJSDate().getTime()).toBe(startsAt.getTime());
    expect(await statusOf(family)).toBe('confirmed');

    // Full: the next one waits, with no calendar file yet.
    const second = await signUp(single, { message: 'Vegetarisk mat, tack.' });
    expect(second.status).toBe(201);
    expect(second.body.data?.message).toMatch(/väntelistan/);
    const waiting = await mailTo(single, /^Du står på väntelistan/);
    expect(waiting.parsed.attachments).toEqual([]);
    expect(await statusOf(single)).toBe('waitlisted');
    // Signing up again changes nothing. The page answers as to a new sign-up, so it tells no one
    // whether the address is on the list; the address gets its mail again.
    expect((await signUp(single)).body.data?.message).toBe(second.body.data?.message);
    expect(await app.strapi.db.query(REGISTRATION).count({ where: { email: single } })).toBe(1);
    // The mail says the first sign-up stands, and how to change it.
    const again = await mailTo(single, /^Du står på väntelistan/, 2);
    expect(again.parsed.text?.replace(/\s+/g, ' ')).toContain(
      'Du var redan anmäld med den här adressen, så den nya anmälan ändrade inget. Vill du ändra antalet personer (nu 1): avanmäl dig via länken och anmäl dig igen.',
    );

    // The family cancels through the link in their mail: the page asks, its button cancels.
    const cancel = /https?:\/\/\S+\/api\/event-registrations\/cancel\?token=[\w-]+/
      .exec(confirmation.parsed.text!)![0]
      .replace(PUBLIC_URL, app.url);
    const ask = await fetch(cancel);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain(
      'Tryck på knappen för att avanmäla dig från Inflyttarträff full-snart',
    );
    expect(await statusOf(family)).toBe('confirmed');
    expect((await fetch(cancel, { method: 'POST' })).status).toBe(200);
    expect(await statusOf(family)).toBe('cancelled');
    expect(await statusOf(single)).toBe('confirmed');
    const promoted = await mailTo(single, /^Du har fått en plats/);
    expect(calendarOf(promoted).summary).toBe('Inflyttarträff full-snart');
    // The family is told, and the calendar file takes the event back out of their calendar.
    const cancelled = await mailTo(family, /^Du är avanmäld: Inflyttarträff full-snart$/);
    const file = cancelled.parsed.attachments.find((a) => a.filename === 'evenemang.ics')!;
    expect(file.contentType).toBe('text/calendar');
    const ics = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
    expect(ics.getFirstPropertyValue('method')).toBe('CANCEL');
    const withdrawnEvent = new ICAL.Event(ics.getFirstSubcomponent('vevent')!);
    expect(withdrawnEvent.uid).toBe(calendar.uid);
    expect(withdrawnEvent.sequence).toBeGreaterThan(calendar.sequence ?? 0);
    expect(ics.getFirstSubcomponent('vevent')!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.parsed.text).not.toContain('/api/event-registrations/cancel');
    expect(cancelled.parsed.text?.replace(/\s+/g, ' ')).toContain(
      'Hade du evenemanget i kalendern tar kalenderfilen i mejlet bort det.',
    );
    // Harmless to repeat; the place is not given twice, and nothing is mailed twice.
    expect((await fetch(cancel, { method: 'POST' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      cms.smtp.mails.filter((m) => m.envelopeTo.includes(family) && /avanmäld/.test(m.parsed.subject ?? '')),
    ).toHaveLength(1);
    // The link opened again says it is done, with no button.
    const cancelledAgain = await (await fetch(cancel)).text();
    expect(cancelledAgain).toContain('Din anmälan är redan avbokad: Inflyttarträff full-snart.');
    expect(cancelledAgain).not.toContain('<form');

    // The attendee list, for the guides and the coordinator, also as CSV for Excel; not for editors.
    const eventId = (
      (await app.strapi.db.query(EVENT).findOne({ where: { slug: 'full-snart' } })) as { documentId: string }
    ).documentId;
    const coordinator = await adminSession(app.strapi, app.url, 'coordinator', 'sam@region.example', 'Sam');
    const list = (await (await coordinator.fetch(`/tasteget/events/${eventId}/attendees`)).json()) as {
      data: { confirmed: { email: string }[]; waitlisted: unknown[]; places: number };
    };
    expect(list.data).toMatchObject({ places: 1, confirmed: [{ email: single }], waitlisted: [] });
    const csv = await (await coordinator.fetch(`/tasteget/events/${eventId}/attendees?format=csv`)).text();
    expect(csv.split(/\r?\n/)[0]).toBe('Status;Namn;E-post;Telefon;Antal personer;Anmäld;Meddelande');
    expect(csv).toMatch(new RegExp(`Anmäld;Lina Berg;${single};;1;[0-9: -]+;Vegetarisk mat, tack\\.`));
    const editor = await adminSession(app.strapi, app.url, 'editor', 'red@region.example', 'Red');
    expect((await editor.fetch(`/tasteget/events/${eventId}/attendees`)).status).toBe(403);

    // On the card of the contact with the address: signed up, then given a place.
    const activities = (await app.strapi.db.query('api::contact-activity.contact-activity').findMany({
      where: { contact: contact.id },
      orderBy: { id: 'asc' },
    })) as { summary: string }[];
    expect(activities.map((a) => a.summary)).toEqual([
      'Anmälde 1 person till Inflyttarträff full-snart (på väntelistan).',
      'Fick plats på Inflyttarträff full-snart från väntelistan.',
    ]);
  });

  it('refuses events that take no sign-ups here or are over, and bad input, storing nothing', async () => {
    const email = uniqueEmail('nej');
    for (const slug of ['utan-anmalan', 'har-varit', 'finns-inte']) {
      const res = await signUp(email, { event: slug });
      expect(res.status).toBe(400);
      expect(res.body.error?.details.errors?.[0]).toMatchObject({
        path: ['event'],
        message: 'Evenemanget tar inte emot anmälningar.',
      });
    }
    const english = await submit(
      app.url,
      '/api/event-registrations',
      { event: 'har-varit', name: 'Lina', email, participants: 1, language: 'en', consent: true },
      { 'Accept-Language': 'en' },
    );
    expect(english.body.error?.details.errors?.[0].message).toBe('The event does not take sign-ups.');
    const tooMany = await signUp(email, { participants: 50 });
    expect(tooMany.body.error?.details.errors?.[0]).toMatchObject({
      path: ['participants'],
      message: 'Ni kan vara 1–10 personer.',
    });
    // A phone that is no number, however it fits the pattern.
    const junkPhone = await signUp(email, { event: 'obegransat', phone: '0 ( ) - - -' });
    expect(junkPhone.status).toBe(400);
    expect(junkPhone.body.error?.details.errors?.[0]).toMatchObject({ path: ['phone'] });
    expect(await app.strapi.db.query(REGISTRATION).count({ where: { email } })).toBe(0);
    // A real one as people type it (brackets, an en dash, a no-break space) is stored as one number.
    const called = uniqueEmail('ring');
    expect((await signUp(called, { event: 'obegransat', phone: '(070)\u2013123\u00a045 67' })).status).toBe(
      201,
    );
    expect(await app.strapi.db.query(REGISTRATION).findOne({ where: { email: called } })).toMatchObject({
      phone: '+46701234567',
    });
    expect((await fetch(`${app.url}/api/event-registrations/cancel?token=${'x'.repeat(43)}`)).status).toBe(
      400,
    );
  });

  it('holds the places last published in any language: a full event takes no sign-up on its English page', async () => {
    const events = app.strapi.documents(EVENT);
    const { documentId } = await event('en-plats', { signUpOpen: true, capacity: 40 });
    await events.update({
      documentId,
      locale: 'en',
      data: {
        title: 'Newcomer meeting',
        slug: 'en-plats',
        startsAt,
        place: 'Folkets hus, Krokom',
        description,
      },
    } as never);
    await events.publish({ documentId, locale: 'en' } as never);
    // The editor lowers the places to one and publishes the Swedish version only.
    await events.update({ documentId, locale: 'sv', data: { capacity: 1 } } as never);
    await events.publish({ documentId, locale: 'sv' } as never);

    const first = uniqueEmail('forst');
    expect((await signUp(first, { event: 'en-plats' })).status).toBe(201);
    const second = uniqueEmail('engelska');
    const english = await signUp(second, { event: 'en-plats', language: 'en' });
    expect(english.status).toBe(201);
    expect(await statusOf(first)).toBe('confirmed');
    expect(await statusOf(second)).toBe('waitlisted');

    // A place freed by a Swedish sign-up goes to the English one, told in English; so is her own
    // cancellation, and its calendar file names the event as her language does.
    const cancelLink = (mail: ReceivedMail) =>
      /https?:\/\/\S+\/api\/event-registrations\/cancel\?token=[\w-]+/
        .exec(mail.parsed.text!)![0]
        .replace(PUBLIC_URL, app.url);
    const firstMail = await mailTo(first, /^Du är anmäld: Inflyttarträff en-plats$/);
    expect((await fetch(cancelLink(firstMail), { method: 'POST' })).status).toBe(200);
    const promoted = await mailTo(second, /^You have a place: Newcomer meeting$/);
    expect(calendarOf(promoted).summary).toBe('Newcomer meeting');
    expect((await fetch(cancelLink(promoted), { method: 'POST' })).status).toBe(200);
    const cancelled = await mailTo(second, /^Your sign-up is cancelled: Newcomer meeting$/);
    const file = cancelled.parsed.attachments.find((a) => a.filename === 'evenemang.ics')!;
    const withdrawn = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
    expect(withdrawn.getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary')).toBe(
      'Newcomer meeting',
    );
    await mailTo(first, /^Du är avanmäld: Inflyttarträff en-plats$/);

    // Sign-up closed in Swedish is closed in English too.
    await events.update({ documentId, locale: 'sv', data: { signUpOpen: false } } as never);
    await events.publish({ documentId, locale: 'sv' } as never);
    expect((await signUp(uniqueEmail('stangd'), { event: 'en-plats', language: 'en' })).status).toBe(400);
  });

  it('tells the event page how many places are left, counting only confirmed places and naming no one', async () => {
    const places = async (query: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${app.url}/api/event-registrations/places?${query}`, { headers });
      return {
        status: res.status,
        body: (await res.json()) as { data?: unknown; error?: { message?: string } },
      };
    };
    expect(await places('event=platser')).toEqual({
      status: 200,
      body: { data: { open: true, capacity: 3, left: 3 } },
    });
    const family = uniqueEmail('platser-familj');
    expect((await signUp(family, { event: 'platser', participants: 2 })).status).toBe(201);
    expect((await places('event=platser')).body.data).toEqual({ open: true, capacity: 3, left: 1 });
    // Two more do not fit: they wait, and the one place left stays free for someone alone.
    const pair = uniqueEmail('platser-par');
    expect((await signUp(pair, { event: 'platser', participants: 2 })).body.data?.message).toMatch(
      /väntelistan/,
    );
    const answer = await places('event=platser');
    expect(answer.body.data).toEqual({ open: true, capacity: 3, left: 1 });
    expect(JSON.stringify(answer.body)).not.toContain('platser-');
    expect((await signUp(uniqueEmail('platser-ensam'), { event: 'platser' })).body.data?.message).toMatch(
      /^Du är anmäld!/,
    );
    expect((await places('event=platser&language=en')).body.data).toEqual({
      open: true,
      capacity: 3,
      left: 0,
    });

    expect((await places('event=obegransat')).body.data).toEqual({ open: true, capacity: null, left: null });
    for (const closed of ['utan-anmalan', 'har-varit', 'finns-inte']) {
      expect((await places(`event=${closed}`)).body.data, closed).toEqual({
        open: false,
        capacity: null,
        left: null,
      });
    }
    for (const bad of ['', 'event=', 'event=%3Cscript%3E', `event=${'x'.repeat(101)}`]) {
      const refused = await places(bad);
      expect(refused.status, bad).toBe(400);
      expect(refused.body.error?.message, bad).toContain('Ange evenemangets adressnamn.');
    }
    // A wrong language is named as such, not as a wrong event.
    const wrongLanguage = await places('event=platser&language=xx');
    expect(wrongLanguage.status).toBe(400);
    expect(wrongLanguage.body.error?.message).toContain('Ange språket sv eller en.');
    expect(wrongLanguage.body.error?.message).not.toContain('adressnamn');
    const english = await places('event=', { 'Accept-Language': 'en' });
    expect(english.body.error?.message).toContain("Give the event's slug.");
  });

  it('reminds confirmed sign-ups the day before, once', async () => {
    const email = uniqueEmail('imorgon');
    const { sendEventReminders } = await import('../../cms/src/contacts/event-registrations');
    await app.strapi.documents(EVENT).create({
      data: {
        title: 'Träff i morgon',
        slug: 'i-morgon',
        startsAt: new Date(Date.now() + DAY),
        place: 'Biblioteket, Åre',
        signUpOpen: true,
        description,
      },
      locale: 'sv',
      status: 'published',
    } as never);
    expect((await signUp(email, { event: 'i-morgon' })).status).toBe(201);
    // As of the day before, in the morning: the remaining sign-up of tomorrow's event.
    expect(await sendEventReminders(app.strapi)).toBe(1);
    expect(await sendEventReminders(app.strapi)).toBe(0);
    await mailTo(email, /^I morgon: Träff i morgon$/);
  });

  it('invites contacts with a link to the sign-up form of the event page', async () => {
    const email = uniqueEmail('inbjuden');
    await seedContact(app.strapi, { email, firstName: 'Ida', municipalities: ['krokom'] });
    const open = await event('inbjudan-oppen', { signUpOpen: true, capacity: 30 });
    const elsewhere = await event('inbjudan-extern', {
      signUpOpen: false,
      signUpUrl: 'https://arrangor.example/anmalan',
    });
    const documentId = await createCampaign(app.strapi, {
      subject: 'Välkommen till inflyttarträffen',
      audience: 'contacts',
      blocks: [
        { __component: 'newsletter.event-invitation', event: open.documentId, text: 'Fika och frågor.' },
        { __component: 'newsletter.event-invitation', event: elsewhere.documentId },
      ],
    });
    await newsletter.freeze.freezeCampaign(app.strapi, documentId);
    await waitUntilSent(app.strapi, documentId);
    const [mail] = await smtp.waitFor(1, (m) => m.envelopeTo.includes(email));
    // Our own sign-up goes to the event page's form; another organiser's, to theirs.
    expect(mail.parsed.html).toMatch(/href="https?:\/\/[^"/]+\/evenemang\/inbjudan-oppen\/#anmalan"/);
    expect(mail.parsed.html).toContain('href="https://arrangor.example/anmalan"');
  });
});
