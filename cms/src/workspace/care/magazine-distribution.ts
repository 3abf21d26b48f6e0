import type { Core } from '@strapi/strapi';
import { stockholmDate } from '@tasteget/shared';
import { excelCsv } from '../../platform/csv';
import { ORDER } from '../../platform/content-types';

/**
 * Magazine orders to the print distributor: new orders as a CSV the distributor's Excel reads
 * (UTF-8 with a byte-order mark, `;`), marked exported in the same transaction so an order is
 * never sent twice; shipped once the distributor confirms.
 */

type OrderRow = {
  id: number;
  documentId: string;
  name: string;
  email: string;
  quantity: number;
  language: string;
  createdAt: string;
  address: {
    careOf: string | null;
    street: string;
    postalCode: string;
    city: string;
    country: string;
  } | null;
  edition: { title: string; year: number } | null;
};

const HEADER = [
  'Order',
  'Namn',
  'c/o',
  'Gatuadress',
  'Postnummer',
  'Ort',
  'Land',
  'Utgåva',
  'Antal',
  'Språk',
  'Beställd',
];

export async function exportNewOrders(strapi: Core.Strapi, now = new Date()) {
  return strapi.db.transaction(async () => {
    const orders = (await strapi.db.query(ORDER).findMany({
      where: { orderStatus: 'new' },
      populate: { address: true, edition: { select: ['title', 'year'] } },
      orderBy: { id: 'asc' },
    })) as OrderRow[];
    const rows = orders.map((o) => [
      o.documentId,
      o.name,
      o.address?.careOf ?? '',
      o.address?.street ?? '',
      o.address?.postalCode ?? '',
      o.address?.city ?? '',
      o.address?.country ?? '',
      o.edition ? `${o.edition.title} (${o.edition.year})` : '',
      o.quantity,
      o.language,
      stockholmDate(new Date(o.createdAt)),
    ]);
    if (orders.length > 0) {
      await strapi.db.query(ORDER).updateMany({
        where: { id: { $in: orders.map((o) => o.id) } },
        data: { orderStatus: 'exported', exportedAt: now },
      });
    }
    return { count: orders.length, csv: excelCsv([HEADER, ...rows]) };
  });
}

/** Marks exported orders shipped: the given ones, or every exported order. */
export async function markShipped(strapi: Core.Strapi, documentIds?: string[], now = new Date()) {
  const { count } = await strapi.db.query(ORDER).updateMany({
    where: { orderStatus: 'exported', ...(documentIds ? { documentId: { $in: documentIds } } : {}) },
    data: { orderStatus: 'shipped', shippedAt: now },
  });
  return count;
}
