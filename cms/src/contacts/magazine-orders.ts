import type { Core } from '@strapi/strapi';
import { normalizeEmail, type MagazineOrder, type PostalAddress } from '@tasteget/shared';
import { logActivity, type ContactRef } from './activities';
import { findContact } from './contacts';
import { magazineOrderReceipt } from '../mail/mails';
import { enqueueMail, wakeMailQueue } from '../mail/outbox';
import { inEmailTransaction } from '../platform/transaction';
import { EDITION, ORDER } from '../platform/content-types';

/** Magazine orders: stored, confirmed by mail, linked to the person's contact when there is one. */

/** Where an address is, without whose home: postal code and town, and the country outside Sweden. */
function postalTown(address: PostalAddress): string {
  return [`${address.postalCode} ${address.city}`, address.country !== 'SE' ? address.country : undefined]
    .filter(Boolean)
    .join(', ');
}

export function formatAddress(address: PostalAddress): string {
  return [
    address.careOf && `c/o ${address.careOf}`,
    address.street,
    `${address.postalCode} ${address.city}`,
    address.country !== 'SE' ? address.country : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

/** An orderable, published edition by slug, or null. */
export async function orderableEdition(strapi: Core.Strapi, slug: string) {
  const edition = (await strapi.documents(EDITION).findFirst({
    filters: { slug, orderable: true },
    locale: 'sv',
    status: 'published',
  } as never)) as unknown as { documentId: string; title: string; year: number } | null;
  return edition;
}

export type OrderData = Omit<MagazineOrder, 'challenge' | 'website'>;

export async function createOrder(
  strapi: Core.Strapi,
  order: OrderData,
  contact: (ContactRef & { documentId: string }) | null | undefined,
  now: Date,
) {
  const edition = await orderableEdition(strapi, order.edition);
  if (!edition) throw new UnknownEditionError();
  await strapi.documents(ORDER).create({
    data: {
      name: order.name,
      email: order.email,
      address: {
        careOf: order.postalAddress.careOf,
        street: order.postalAddress.street,
        postalCode: order.postalAddress.postalCode,
        city: order.postalAddress.city,
        country: order.postalAddress.country,
      },
      edition: edition.documentId,
      quantity: order.quantity,
      orderStatus: 'new',
      language: order.language,
      contact: contact?.documentId,
    },
  } as never);
  await enqueueMail(
    strapi,
    magazineOrderReceipt({
      email: order.email,
      quantity: order.quantity,
      editionTitle: edition.title,
      town: postalTown(order.postalAddress),
      language: order.language,
      conversation: contact?.documentId,
    }),
    contact?.id,
  );
  if (contact) {
    await logActivity(strapi, contact, {
      kind: 'system',
      at: now,
      summary: {
        sv: `Beställde ${order.quantity} ex av ${edition.title} till ${formatAddress(order.postalAddress)}.`,
        en: `Ordered ${order.quantity} ${order.quantity === 1 ? 'copy' : 'copies'} of ${edition.title} to ${formatAddress(order.postalAddress)}.`,
      },
    });
  }
}

export class UnknownEditionError extends Error {
  constructor() {
    super('The edition does not exist or cannot be ordered');
  }
}

export async function orderMagazine(strapi: Core.Strapi, input: MagazineOrder, now = new Date()) {
  const email = normalizeEmail(input.email);
  await inEmailTransaction(strapi, email, async (afterCommit) => {
    const contact = await findContact(strapi, email);
    await createOrder(strapi, { ...input, email }, contact, now);
    afterCommit(wakeMailQueue);
  });
}
