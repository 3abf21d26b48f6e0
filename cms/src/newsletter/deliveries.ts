import type { Core } from '@strapi/strapi';
import { DELIVERY } from '../platform/content-types';
import type { OwnIndex } from '../platform/own-tables';

/** The delivery log: one row per campaign and recipient (see the newsletter README). */

/** A bounce or complaint without our VERP address names the delivery by its Message-ID. */
export const DELIVERY_INDEXES: readonly OwnIndex[] = [{ uid: DELIVERY, fields: ['messageId'] }];

/** A delivery attribute's column, for the statements written as SQL (claims, marks, the freeze). */
export function deliveryColumn(strapi: Core.Strapi, attribute: string): string {
  const attr = strapi.db.metadata.get(DELIVERY).attributes[attribute] as { columnName?: string };
  return attr.columnName ?? attribute;
}
