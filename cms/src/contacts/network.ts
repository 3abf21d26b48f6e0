import type { Core } from '@strapi/strapi';
import { AMBASSADOR, NETWORK_CONTACT } from '../platform/content-types';

/**
 * The programme's networks in the register: place ambassadors, coworking hosts, employers and
 * recruiters, with their private contact details and their consents. Register data (no content
 * API, never public); an ambassador's or coworking space's public page links to its network
 * contact, and an ambassador is published only with that person's consent (content/ambassador-consent.ts).
 */

/** The consent to publish of the network contacts linked to an ambassador; undefined with none linked. */
export async function networkPublishConsent(
  strapi: Core.Strapi,
  ambassadorDocumentId: string,
): Promise<boolean | undefined> {
  const linked = (await strapi.db.query(NETWORK_CONTACT).findMany({
    where: { ambassador: { documentId: ambassadorDocumentId } },
    select: ['publishConsent'],
  })) as { publishConsent: boolean | null }[];
  if (linked.length === 0) return undefined;
  return linked.some((n) => n.publishConsent === true);
}

/**
 * The migration that starts the network register: each ambassador with a contact address becomes
 * a network contact (kind ambassador) linked to its page, its consent to publish carried over.
 */
export async function ambassadorsIntoTheNetwork(strapi: Core.Strapi) {
  const counts = { networkContacts: 0 };
  const ambassadors = (await strapi.db.query(AMBASSADOR).findMany({
    where: { contactEmail: { $notNull: true }, locale: 'sv', publishedAt: { $null: true } },
    select: ['documentId', 'name', 'contactEmail', 'consentToPublish'],
    populate: { kommun: { select: ['municipality'] } },
  })) as {
    documentId: string;
    name: string;
    contactEmail: string;
    consentToPublish: boolean | null;
    kommun: { municipality: string } | null;
  }[];
  for (const ambassador of ambassadors) {
    if (
      await strapi.db
        .query(NETWORK_CONTACT)
        .count({ where: { ambassador: { documentId: ambassador.documentId } } })
    )
      continue;
    await strapi.documents(NETWORK_CONTACT).create({
      data: {
        kind: 'ambassador',
        name: ambassador.name,
        email: ambassador.contactEmail,
        municipality: ambassador.kommun?.municipality ?? null,
        language: 'sv',
        publishConsent: ambassador.consentToPublish === true,
        ambassador: ambassador.documentId,
      },
    } as never);
    counts.networkContacts += 1;
  }
  return counts;
}
