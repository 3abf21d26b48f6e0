import { z } from 'zod';
import { LOCALES } from '../labels';
import { MAGAZINE_ORDER_MAX_QUANTITY } from '../register';
import {
  COMMON_FIELD_MESSAGES,
  email,
  plainText,
  postalAddress,
  postalAddressMessages,
  spamFields,
} from './fields';
import type { FormEncoding } from './form-encoding';
import type { FieldMessages } from './messages';

/** An order of the printed magazine: the portal's order form and `POST /api/magazine-orders`. */
export const magazineOrderSchema = z.object({
  name: plainText(1, 200),
  email,
  postalAddress,
  /** Slug of an orderable, published edition. */
  edition: plainText(1, 100),
  quantity: z.number().int().min(1).max(MAGAZINE_ORDER_MAX_QUANTITY).default(1),
  language: z.enum(LOCALES).default('sv'),
  ...spamFields,
});
export type MagazineOrderInput = z.input<typeof magazineOrderSchema>;
export type MagazineOrder = z.output<typeof magazineOrderSchema>;

export const MAGAZINE_ORDER_MESSAGES: FieldMessages = {
  ...COMMON_FIELD_MESSAGES,
  name: { sv: 'Ange namnet som ska stå på försändelsen.', en: 'Enter the name for the delivery.' },
  ...postalAddressMessages('postalAddress'),
  edition: {
    sv: 'Välj en utgåva av magasinet som går att beställa.',
    en: 'Choose an edition of the magazine that can be ordered.',
  },
  quantity: {
    sv: `Du kan beställa 1–${MAGAZINE_ORDER_MAX_QUANTITY} exemplar.`,
    en: `You can order 1–${MAGAZINE_ORDER_MAX_QUANTITY} copies.`,
  },
};

/** How the order form's fields arrive when posted without JavaScript. */
export const MAGAZINE_ORDER_FORM_ENCODING = { numbers: ['quantity'] } as const satisfies FormEncoding;
