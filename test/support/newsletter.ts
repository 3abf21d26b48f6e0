import type { CampaignAudience } from '@tasteget/shared';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { COUNTY_NEWSLETTER } from '@tasteget/shared';
import { CMS_DIR } from './paths';

/**
 * The CMS's newsletter modules as the booted Strapi runs them (its compiled dist/, the same module
 * instances as the in-process worker), and seeding helpers for subscribers, contacts and campaigns.
 */
const require = createRequire(import.meta.url);
const dist = (name: string) => require(path.join(CMS_DIR, 'dist', 'src', 'newsletter', name));

export const newsletter = {
  freeze: dist('freeze.js') as typeof import('../../cms/src/newsletter/freeze'),
  recipients: dist('recipients.js') as typeof import('../../cms/src/newsletter/recipients'),
  status: dist('campaign-status.js') as typeof import('../../cms/src/newsletter/campaign-status'),
  worker: dist('worker.js') as typeof import('../../cms/src/newsletter/worker'),
  send: dist('send-batch.js') as typeof import('../../cms/src/newsletter/send-batch'),
  claim: dist('claim.js') as typeof import('../../cms/src/newsletter/claim'),
  config: dist('config.js') as typeof import('../../cms/src/newsletter/config'),
};

export const SUBSCRIPTION = 'api::newsletter-subscription.newsletter-subscription';
export const CONTACT = 'api::contact.contact';
export const CAMPAIGN = 'api::newsletter-campaign.newsletter-campaign';
export const DELIVERY = 'api::newsletter-delivery.newsletter-delivery';

/** A subscription's unsubscribe token in tests: readable, and of the length real tokens have. */
export function tokenFor(email: string): string {
  return `token-${email.replace(/[^a-z0-9]/gi, '-')}`.padEnd(40, '0').slice(0, 64);
}

export async function seedContact(
  strapi: Core.Strapi,
  data: { email: string; firstName: string; consent?: boolean; municipalities?: string[] },
): Promise<{ id: number; documentId: string }> {
  return strapi.db.query(CONTACT).create({
    data: {
      email: data.email,
      firstName: data.firstName,
      municipalities: data.municipalities ?? [],
      topics: [],
      contactConsentAt: data.consent === false ? null : new Date(),
      publishedAt: new Date(),
    },
  });
}

export const NEWSLETTER = 'api::newsletter.newsletter';
export const NETWORK_CONTACT = 'api::network-contact.network-contact';

/**
 * After a bulk `createMany` of subscriptions (which writes no relations): each to the county's
 * newsletter, the way the migration links rows from before newsletters were many.
 */
export async function linkToCountyNewsletter(strapi: Core.Strapi) {
  const lists = require(
    path.join(CMS_DIR, 'dist', 'src', 'contacts', 'newsletters.js'),
  ) as typeof import('../../cms/src/contacts/newsletters');
  return lists.everyoneOnTheCountyNewsletter(strapi);
}

/** A newsletter's id by slug (the county's always exists; others are made as the test names them). */
export async function newsletterId(strapi: Core.Strapi, slug: string): Promise<number> {
  const found = (await strapi.db.query(NEWSLETTER).findOne({ where: { slug }, select: ['id'] })) as {
    id: number;
  } | null;
  if (found) return found.id;
  const created = (await strapi.db.query(NEWSLETTER).create({
    data: { slug, name: `Nyhetsbrev ${slug}`, listed: true, publishedAt: new Date() },
  })) as { id: number };
  return created.id;
}

export async function seedSubscriber(
  strapi: Core.Strapi,
  data: {
    email: string;
    status?: 'pending' | 'confirmed' | 'unsubscribed';
    municipalities?: string[];
    bounceCount?: number;
    contactId?: number;
    language?: 'sv' | 'en';
    /** The newsletter's slug: the county's by default. */
    newsletter?: string;
  },
): Promise<{ id: number; unsubscribeToken: string }> {
  return strapi.db.query(SUBSCRIPTION).create({
    data: {
      email: data.email,
      newsletter: await newsletterId(strapi, data.newsletter ?? COUNTY_NEWSLETTER.slug),
      subscriptionStatus: data.status ?? 'confirmed',
      municipalities: data.municipalities ?? [],
      interests: [],
      language: data.language ?? 'sv',
      bounceCount: data.bounceCount ?? 0,
      unsubscribeToken: tokenFor(data.email),
      publishedAt: new Date(),
      ...(data.contactId ? { contact: data.contactId } : {}),
    },
  });
}

/** Someone who subscribed with consent, confirmed, and has since left the newsletter. */
export async function seedFormerSubscriber(
  strapi: Core.Strapi,
  data: { email: string; contactId?: number; newsletter?: string },
): Promise<{ id: number; unsubscribeToken: string }> {
  const row = await seedSubscriber(strapi, { ...data, status: 'unsubscribed' });
  const now = new Date();
  await strapi.db.query(SUBSCRIPTION).update({
    where: { id: row.id },
    data: { consentAt: now, confirmedAt: now, unsubscribedAt: now },
  });
  return row;
}

export async function createCampaign(
  strapi: Core.Strapi,
  data: {
    subject: string;
    audience?: CampaignAudience;
    segment?: unknown;
    blocks?: unknown[];
    /** The newsletter's documentId; none is the county's. */
    newsletter?: string;
  },
): Promise<string> {
  const campaign = await strapi.documents(CAMPAIGN).create({
    data: {
      subject: data.subject,
      ...(data.newsletter ? { newsletter: data.newsletter } : {}),
      preheader: 'Nytt från Jämtland Härjedalen',
      language: 'sv',
      audience: data.audience ?? 'subscribers',
      segment: data.segment ?? null,
      blocks: data.blocks ?? [
        { __component: 'newsletter.intro-text', heading: 'Välkommen hem', text: 'Fjäll, älgar och blåbär.' },
      ],
    },
  } as never);
  return campaign.documentId;
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitUntilSent(strapi: Core.Strapi, documentId: string, timeoutMs = 30_000) {
  return waitFor(
    async () => {
      const progress = await newsletter.status.campaignProgress(strapi, documentId);
      return progress.status === 'sent' ? progress : null;
    },
    `campaign ${documentId} to be sent`,
    timeoutMs,
  );
}

/**
 * RFC 8058 one-click unsubscribe as a mail client does it: the https address of a raw mail's
 * List-Unsubscribe header, POSTed to `cmsUrl` (the CMS under test, whatever its public address).
 */
export function oneClickUnsubscribe(raw: string, cmsUrl: string): Promise<Response> {
  const header = raw.split(/\r\n/).find((line) => line.startsWith('List-Unsubscribe: '));
  const link = header && /<(https?:\/\/[^>]+)>/.exec(header)?.[1];
  if (!link) throw new Error('The mail has no https List-Unsubscribe address');
  const url = new URL(link);
  return fetch(`${cmsUrl}${url.pathname}${url.search}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
}
