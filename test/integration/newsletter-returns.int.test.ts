import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, type AdminSession } from '../support/admin';
import { startIntakeCms } from '../support/fixtures';
import {
  createCampaign,
  NEWSLETTER,
  oneClickUnsubscribe,
  SUBSCRIPTION,
  waitUntilSent,
} from '../support/newsletter';
import { submit, subscription, uniqueEmail } from '../support/portal';
import type { ReceivedMail } from '../support/smtp';

/**
 * A campaign's figures after it was sent (the progress endpoint the campaign panel shows), while
 * its recipients go on living: leaving, coming back, leaving another newsletter, being erased.
 * People subscribe and confirm through the portal, leave by the one-click of their mail, and are
 * erased through the coordinator's care API; the CMS's own worker sends to a real SMTP server.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let coordinator: AdminSession;
const PUBLIC_URL = 'https://cms.tasteget.example';
let listA: { documentId: string; slug: string };
let listB: { documentId: string; slug: string };

beforeAll(async () => {
  cms = await startIntakeCms({ NEWSLETTER_POLL_MS: '100', PUBLIC_URL });
  coordinator = await adminSession(cms.app.strapi, cms.app.url, 'coordinator', 'samordnare@siffror.example');
  listA = await cms.app.strapi.db.query(NEWSLETTER).create({
    data: { name: 'Fjällbrevet', slug: 'fjallbrevet', listed: true },
  });
  listB = await cms.app.strapi.db.query(NEWSLETTER).create({
    data: { name: 'Jobbrevet', slug: 'jobbrevet', listed: true },
  });
}, 120_000);
afterAll(async () => {
  await cms?.stop();
});

interface Returns {
  delivered: number;
  bouncedHard: number;
  complaints: number;
  unsubscribes: number;
  bounceRate: number;
  complaintRate: number;
  unsubscribeRate: number;
}

async function figures(documentId: string) {
  const res = await coordinator.fetch(`/tasteget-newsletter/campaigns/${documentId}/progress`);
  expect(res.status).toBe(200);
  const { data } = (await res.json()) as { data: { sent: number; returns: Returns } };
  for (const rate of [data.returns.bounceRate, data.returns.complaintRate, data.returns.unsubscribeRate]) {
    expect(rate).toBeGreaterThanOrEqual(0);
    expect(rate).toBeLessThanOrEqual(1);
  }
  return { sent: data.sent, unsubscribes: data.returns.unsubscribes, rate: data.returns.unsubscribeRate };
}

/** Subscribes through the portal's form and confirms with the opt-in mail's button. */
async function subscribeAndConfirm(email: string, slugs: string[]) {
  const before = cms.smtp.mails.filter((m) => m.envelopeTo.includes(email)).length;
  const res = await submit(
    cms.app.url,
    '/api/newsletter/subscriptions',
    subscription({ email, newsletters: slugs }),
  );
  expect(res.status).toBe(201);
  const mails = await cms.smtp.waitFor(before + 1, (m) => m.envelopeTo.includes(email));
  const optIn = mails[mails.length - 1];
  const link = /https?:\/\/\S+\/api\/newsletter\/confirm\?token=[\w-]+/.exec(optIn.parsed.text ?? '')![0];
  expect((await fetch(link.replace(PUBLIC_URL, cms.app.url), { method: 'POST' })).status).toBe(200);
}

/** "Skicka" as the coordinator, then the mails of the campaign once it is sent. */
async function send(newsletterDocumentId: string, subject: string) {
  const documentId = await createCampaign(cms.app.strapi, { subject, newsletter: newsletterDocumentId });
  const res = await coordinator.fetch(`/tasteget-newsletter/campaigns/${documentId}/send`, { body: {} });
  expect(res.status, await res.clone().text()).toBe(200);
  await waitUntilSent(cms.app.strapi, documentId);
  return { documentId, mails: cms.smtp.mails.filter((m) => m.parsed.subject === subject) };
}

const mailTo = (mails: ReceivedMail[], email: string) => mails.find((m) => m.envelopeTo.includes(email))!;

const statusOn = async (email: string, slug: string) =>
  (
    (await cms.app.strapi.db.query(SUBSCRIPTION).findOne({
      where: { email, newsletter: { slug } },
    })) as { subscriptionStatus: string }
  ).subscriptionStatus;

describe("a sent campaign's unsubscribes", () => {
  it('count who left its own newsletter after it, once each, through coming back, other lists and erasure', async () => {
    const anna = uniqueEmail('anna');
    const bo = uniqueEmail('bo');
    await subscribeAndConfirm(anna, [listA.slug]);
    await subscribeAndConfirm(bo, [listA.slug, listB.slug]);

    const first = await send(listA.documentId, 'Fjällbrevet nr 1');
    expect(first.mails.flatMap((m) => m.envelopeTo).sort()).toEqual([anna, bo].sort());
    expect(await figures(first.documentId)).toEqual({ sent: 2, unsubscribes: 0, rate: 0 });

    // Both leave Fjällbrevet by the one-click of its mail.
    for (const email of [anna, bo]) {
      expect((await oneClickUnsubscribe(mailTo(first.mails, email).raw, cms.app.url)).status).toBe(200);
    }
    expect(await figures(first.documentId)).toEqual({ sent: 2, unsubscribes: 2, rate: 1 });

    // Anna comes back: she still left after the first letter.
    await subscribeAndConfirm(anna, [listA.slug]);
    expect(await statusOn(anna, listA.slug)).toBe('confirmed');
    expect(await figures(first.documentId)).toEqual({ sent: 2, unsubscribes: 2, rate: 1 });

    // A later letter of Fjällbrevet reaches Anna; her leaving before it is not its unsubscribe.
    const third = await send(listA.documentId, 'Fjällbrevet nr 2');
    expect(third.mails.flatMap((m) => m.envelopeTo)).toEqual([anna]);
    expect(await figures(third.documentId)).toEqual({ sent: 1, unsubscribes: 0, rate: 0 });

    // Bo leaves Jobbrevet after its letter: that letter's unsubscribe, not Fjällbrevet's.
    const second = await send(listB.documentId, 'Jobbrevet nr 1');
    expect(second.mails.flatMap((m) => m.envelopeTo)).toEqual([bo]);
    expect((await oneClickUnsubscribe(mailTo(second.mails, bo).raw, cms.app.url)).status).toBe(200);
    expect(await statusOn(bo, listB.slug)).toBe('unsubscribed');
    expect(await figures(second.documentId)).toEqual({ sent: 1, unsubscribes: 1, rate: 1 });
    expect(await figures(first.documentId)).toEqual({ sent: 2, unsubscribes: 2, rate: 1 });
    expect(await figures(third.documentId)).toEqual({ sent: 1, unsubscribes: 0, rate: 0 });

    // Renamed, Fjällbrevet keeps its letters' unsubscribes: the consent log names it by id.
    await cms.app.strapi.db
      .query(NEWSLETTER)
      .update({ where: { documentId: listA.documentId }, data: { name: 'Fjällbrevet från Jämtland' } });
    await cms.app.strapi.db.query(SUBSCRIPTION).update({
      where: { email: bo, newsletter: { slug: listA.slug } },
      data: { subscriptionStatus: 'confirmed' },
    });
    expect(await figures(first.documentId)).toEqual({ sent: 2, unsubscribes: 2, rate: 1 });

    // Anna is erased: her deliveries go with her, from the counts and from their base alike.
    const erased = await coordinator.fetch('/tasteget/care/person/erase', {
      body: { email: anna, confirm: anna },
    });
    expect(erased.status, await erased.clone().text()).toBe(200);
    expect(await figures(first.documentId)).toEqual({ sent: 1, unsubscribes: 1, rate: 1 });
    expect(await figures(third.documentId)).toEqual({ sent: 0, unsubscribes: 0, rate: 0 });
    expect(await figures(second.documentId)).toEqual({ sent: 1, unsubscribes: 1, rate: 1 });
  }, 120_000);
});
