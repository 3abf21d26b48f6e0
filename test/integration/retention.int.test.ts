import type { UID } from '@strapi/strapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPurge } from '../../cms/src/workspace/care/purge';
import { startStrapi, type TestStrapi } from '../support/strapi';
import { sampleRelations } from '../support/sample-data';

/**
 * Every retention rule at its edges, on a register spanning seven years: rows a little inside and
 * a little outside each rule's limit, the purge run as of one fixed moment. The dry run, the purge
 * and the audit line must show the same counts, rule by rule.
 */
let app: TestStrapi;
const NOW = new Date('2026-12-03T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const yearsAgo = (years: number, plusMs = 0) => {
  const at = new Date(NOW);
  at.setUTCFullYear(at.getUTCFullYear() - years);
  return new Date(at.getTime() + plusMs);
};

const CONTACT = 'api::contact.contact';
const ORDER = 'api::magazine-order.magazine-order';
const SUBSCRIPTION = 'api::newsletter-subscription.newsletter-subscription';
const OUTBOX = 'api::outbox-message.outbox-message';
const INBOUND = 'api::inbound-message.inbound-message';
const EVENT_REGISTRATION = 'api::event-registration.event-registration';

const ids: Record<string, number> = {};

async function backdate(uid: string, id: number, columns: { created_at?: Date; updated_at?: Date }) {
  const { tableName } = app.strapi.db.metadata.get(uid as UID.ContentType);
  await app.strapi.db.connection(tableName).where({ id }).update(columns);
}

async function contact(name: string, lastActivityAt: Date) {
  const row = await app.strapi.db.query(CONTACT).create({
    data: {
      firstName: name,
      email: `${name}@gallring.example`,
      preferredChannel: 'email',
      municipalities: [],
      topics: [],
      assignedMunicipality: 'region',
      moveStatus: 'contacted',
      source: 'portal',
      language: 'sv',
      lastActivityAt,
      publishedAt: NOW,
    },
  });
  await backdate(CONTACT, row.id, { created_at: lastActivityAt, updated_at: lastActivityAt });
  ids[name] = row.id;
  return row;
}

async function order(name: string, placedAt: Date, contactId?: number) {
  const created = await app.strapi.documents(ORDER as UID.ContentType).create({
    data: {
      name,
      email: `${name}@gallring.example`,
      address: { street: 'Storgatan 1', postalCode: '831 30', city: 'Östersund', country: 'SE' },
      quantity: 1,
      orderStatus: 'shipped',
      language: 'sv',
      ...(await sampleRelations(app.strapi, ORDER as UID.ContentType)),
      ...(contactId ? { contact: contactId } : {}),
    },
  } as never);
  const row = await app.strapi.db.query(ORDER).findOne({ where: { documentId: created.documentId } });
  await backdate(ORDER, row.id, { created_at: placedAt, updated_at: placedAt });
  ids[name] = row.id;
}

async function subscription(
  name: string,
  data: { subscriptionStatus: string; confirmSentAt?: Date | null; unsubscribedAt?: Date; contact?: number },
  createdAt = NOW,
) {
  const row = await app.strapi.db.query(SUBSCRIPTION).create({
    data: { email: `${name}@gallring.example`, language: 'sv', publishedAt: NOW, ...data },
  });
  await backdate(SUBSCRIPTION, row.id, { created_at: createdAt, updated_at: createdAt });
  ids[name] = row.id;
}

async function mail(name: string, sendStatus: string, at: Date) {
  const row = await app.strapi.db.query(OUTBOX).create({
    data: {
      kind: 'receipt',
      to: `${name}@gallring.example`,
      subject: 'Tack',
      html: '<p>Tack</p>',
      text: 'Tack',
      sendStatus,
      ...(sendStatus === 'sent' ? { sentAt: at } : {}),
      publishedAt: at,
    },
  });
  await backdate(OUTBOX, row.id, { created_at: at, updated_at: at });
  ids[name] = row.id;
}

async function inbound(name: string, receivedAt: Date) {
  const row = await app.strapi.db.query(INBOUND).create({
    data: {
      outcome: 'review',
      fromAddress: `${name}@gallring.example`,
      subject: 'Hej',
      receivedAt,
      messageKey: `INBOX:1:${name}`,
      publishedAt: NOW,
    },
  });
  ids[name] = row.id;
}

async function signUp(name: string, eventStartsAt: Date) {
  const row = await app.strapi.db.query(EVENT_REGISTRATION).create({
    data: {
      name,
      email: `${name}@gallring.example`,
      participants: 1,
      registrationStatus: 'confirmed',
      language: 'sv',
      eventTitle: 'Inflyttarträff',
      eventStartsAt,
      publishedAt: NOW,
    },
  });
  ids[name] = row.id;
}

/** The other newsletter's subscription, and the consent log, of someone who left only one. */
let stillReading: { subscription: number; consent: number };

beforeAll(async () => {
  app = await startStrapi();
  // inactive-contacts: five years to the day, either side; seven years; a confirmed subscriber.
  const keptContact = await contact('kontakt-inom-fem-ar', yearsAgo(5, DAY));
  await contact('kontakt-over-fem-ar', yearsAgo(5, -DAY));
  await contact('kontakt-sju-ar', yearsAgo(7));
  const subscriber = await contact('prenumerant-sju-ar', yearsAgo(7));
  await subscription(
    'prenumerant-sju-ar',
    { subscriptionStatus: 'confirmed', contact: subscriber.id },
    yearsAgo(7),
  );
  // unlinked-orders: a year to the day, either side; an old order of a kept contact.
  await order('bestallning-inom-ar', yearsAgo(1, DAY));
  await order('bestallning-over-ar', yearsAgo(1, -DAY));
  await order('bestallning-kontakt', yearsAgo(3), keptContact.id);
  // pending-subscriptions: 30 days from the opt-in link, either side; one from before the send time was kept.
  await subscription('vantar-inom', {
    subscriptionStatus: 'pending',
    confirmSentAt: new Date(NOW.getTime() - 30 * DAY + HOUR),
  });
  await subscription('vantar-over', {
    subscriptionStatus: 'pending',
    confirmSentAt: new Date(NOW.getTime() - 30 * DAY - HOUR),
  });
  await subscription(
    'vantar-gammal',
    { subscriptionStatus: 'pending', confirmSentAt: null },
    new Date(NOW.getTime() - 40 * DAY),
  );
  // unsubscribed-subscriptions: two years from the unsubscribe, either side; one of a kept contact.
  await subscription('avslutad-inom', {
    subscriptionStatus: 'unsubscribed',
    unsubscribedAt: yearsAgo(2, DAY),
  });
  await subscription('avslutad-over', {
    subscriptionStatus: 'unsubscribed',
    unsubscribedAt: yearsAgo(2, -DAY),
  });
  // Left one newsletter two years ago, still reads another: the consent log stays with the other.
  await subscription('avslutad-annat-kvar', {
    subscriptionStatus: 'unsubscribed',
    unsubscribedAt: yearsAgo(2, -DAY),
  });
  const otherNewsletter = await app.strapi.db.query('api::newsletter.newsletter').create({
    data: { name: 'Nyinflyttad i Berg', slug: 'nyinflyttad-berg', listed: true },
  });
  const keeps = await app.strapi.db.query(SUBSCRIPTION).create({
    data: {
      email: 'avslutad-annat-kvar@gallring.example',
      language: 'sv',
      subscriptionStatus: 'confirmed',
      newsletter: otherNewsletter.id,
      publishedAt: NOW,
    },
  });
  const consent = await app.strapi.db.query('api::consent-record.consent-record').create({
    data: {
      summary: 'Nyhetsbrev: givet via formulär',
      kind: 'newsletter',
      event: 'given',
      source: 'form',
      email: 'avslutad-annat-kvar@gallring.example',
      at: yearsAgo(3),
      publishedAt: NOW,
    },
  });
  stillReading = { subscription: keeps.id, consent: consent.id };
  await subscription('avslutad-kontakt', {
    subscriptionStatus: 'unsubscribed',
    unsubscribedAt: yearsAgo(3),
    contact: keptContact.id,
  });
  // sent-mail: sent 30 days, failed 90 days, either side; pending mail stays.
  await mail('skickad-inom', 'sent', new Date(NOW.getTime() - 30 * DAY + HOUR));
  await mail('skickad-over', 'sent', new Date(NOW.getTime() - 30 * DAY - HOUR));
  await mail('misslyckad-inom', 'failed', new Date(NOW.getTime() - 90 * DAY + DAY));
  await mail('misslyckad-over', 'failed', new Date(NOW.getTime() - 90 * DAY - DAY));
  await mail('vantande', 'pending', yearsAgo(1));
  await mail('sparrad-inom', 'suppressed', new Date(NOW.getTime() - 90 * DAY + DAY));
  await mail('sparrad-over', 'suppressed', new Date(NOW.getTime() - 90 * DAY - DAY));
  // inbound-mail: 90 days from arrival, either side.
  await inbound('inkommande-inom', new Date(NOW.getTime() - 90 * DAY + HOUR));
  await inbound('inkommande-over', new Date(NOW.getTime() - 90 * DAY - HOUR));
  // past-event-registrations: 90 days from the event's start, either side.
  await signUp('anmalan-inom', new Date(NOW.getTime() - 90 * DAY + HOUR));
  await signUp('anmalan-over', new Date(NOW.getTime() - 90 * DAY - HOUR));
}, 120_000);
afterAll(async () => {
  await app?.stop();
});

const zero = {
  contacts: 0,
  activities: 0,
  magazineOrders: 0,
  newsletterSubscriptions: 0,
  newsletterDeliveries: 0,
  outboxMessages: 0,
  consentRecords: 0,
  inboundMessages: 0,
  eventRegistrations: 0,
  networkContacts: 0,
  suppressions: 0,
};
const EXPECTED_RULES = {
  'inactive-contacts': { ...zero, contacts: 2 },
  'unlinked-orders': { ...zero, magazineOrders: 1 },
  'pending-subscriptions': { ...zero, newsletterSubscriptions: 2 },
  'unsubscribed-subscriptions': { ...zero, newsletterSubscriptions: 2 },
  'past-event-registrations': { ...zero, eventRegistrations: 1 },
  'sent-mail': { ...zero, outboxMessages: 3 },
  'inbound-mail': { ...zero, inboundMessages: 1 },
};
const REMOVED = [
  'kontakt-over-fem-ar',
  'kontakt-sju-ar',
  'bestallning-over-ar',
  'vantar-over',
  'vantar-gammal',
  'avslutad-over',
  'avslutad-annat-kvar',
  'skickad-over',
  'misslyckad-over',
  'sparrad-over',
  'inkommande-over',
  'anmalan-over',
];

async function exists(name: string): Promise<boolean> {
  const address = `${name}@gallring.example`;
  for (const uid of [CONTACT, ORDER, SUBSCRIPTION, OUTBOX, INBOUND, EVENT_REGISTRATION]) {
    const row = await app.strapi.db.query(uid as UID.ContentType).findOne({
      where: {
        id: ids[name],
        ...(uid === OUTBOX
          ? { to: address }
          : uid === INBOUND
            ? { fromAddress: address }
            : { email: address }),
      },
    });
    if (row) return true;
  }
  return false;
}

describe('retention rules', () => {
  it('shows every rule’s counts in the dry run, removes exactly those rows, and logs them', async () => {
    const dry = await runPurge(app.strapi, { dryRun: true, ranBy: 'Prov', now: NOW });
    expect(Object.fromEntries(dry.rules.map((r) => [r.name, r.counts]))).toEqual(EXPECTED_RULES);
    expect(dry.candidates.map((c) => c.firstName)).toEqual(['kontakt-over-fem-ar', 'kontakt-sju-ar']);
    for (const name of Object.keys(ids)) expect(await exists(name), name).toBe(true);

    const done = await runPurge(app.strapi, { dryRun: false, ranBy: 'Prov', now: NOW });
    expect(done.rules).toEqual(dry.rules);
    expect(done.counts).toEqual(dry.counts);
    for (const name of Object.keys(ids)) expect(await exists(name), name).toBe(!REMOVED.includes(name));
    expect(await app.strapi.db.query(SUBSCRIPTION).count({ where: { id: stillReading.subscription } })).toBe(
      1,
    );
    expect(
      await app.strapi.db
        .query('api::consent-record.consent-record')
        .count({ where: { id: stillReading.consent } }),
    ).toBe(1);

    const [audit] = await app.strapi.db
      .query('api::register-audit.register-audit')
      .findMany({ where: { action: 'purge' } });
    expect(audit.counts).toEqual({ ...dry.counts, rules: EXPECTED_RULES });
    expect(JSON.stringify(audit)).not.toContain('gallring.example');

    // Run again as of the same moment: nothing is left for any rule.
    const again = await runPurge(app.strapi, { dryRun: true, ranBy: 'Prov', now: NOW });
    expect(again.rules.every((r) => Object.values(r.counts).every((n) => n === 0))).toBe(true);
  });
});
