import { normalizePostcode } from '../postcode';
import { z } from 'zod';
import type { FieldMessages } from './messages';

/** Field schemas shared by the portal's forms. Messages come from `messages.ts`, not from here. */

/** Same pattern as the `phone` attributes of the CMS schemas (a unit test keeps them equal). */
export const PHONE_PATTERN = '^\\+?[0-9(][0-9 ()-]{5,19}$';

/**
 * The CMS schemas' web links (an event's sign-up, a coworking space's website, a page's links):
 * an http(s) address
 * with a host, or a path on the portal (one slash: `//host` would leave it). Nothing else can
 * reach an `href`, `javascript:` least of all.
 */
export const WEB_LINK_PATTERN = '^(https?://[^\\s/]|/(?!/))[^\\s]*$';

/**
 * Text a person typed: trimmed, bounded, and free of control characters other than tab and line
 * breaks (PostgreSQL refuses NUL in text, and none of them belongs in a form).
 */
export function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
  }
  return false;
}
/**
 * Invisible characters that change how text around them reads, and say nothing themselves: the
 * zero-width space and byte-order mark, and the bidirectional overrides, embeddings and isolates
 * that can make a name in a mail or on a card read backwards. The zero-width joiners stay: emoji
 * and some scripts' words need them.
 */
const INVISIBLE = /[\u200b\u202a-\u202e\u2066-\u2069\ufeff]/g;

export const plainText = (min: number, max: number) =>
  z
    .string()
    .transform((value) => value.replace(INVISIBLE, '').trim())
    .pipe(
      z
        .string()
        .min(min)
        .max(max)
        .refine((value) => !hasControlCharacters(value), { message: 'control characters' }),
    );

export const personName = plainText(1, 100);
export const optionalText = (max: number) => plainText(0, max).optional();

/** E-mail as typed; `normalizeEmail` makes the register's key from it. */
/**
 * An address whose domain is written in letters beyond ASCII (`namn@räksmörgås.se`: .se takes
 * å, ä, ö and é) is kept with the domain in its ASCII form (IDNA, as the browser's URL parser
 * writes it), which every mail server and the register's lookups read. The part before the @ stays
 * ASCII: an address needing SMTPUTF8 there cannot be relied on to reach the person.
 */
// The WHATWG URL parser: global in browsers and Node alike, typed in neither's absence here.
declare const URL: new (input: string) => { hostname: string };

function asciiDomain(value: string): string {
  const at = value.lastIndexOf('@');
  const domain = value.slice(at + 1);
  // Letters, digits, dots and hyphens only: anything else is no domain, and the URL parser would
  // read a shorter one out of it ("a@å.se/x").
  if (at < 1 || /^[\x20-\x7e]*$/.test(domain) || !/^[\p{L}\p{M}\p{N}.-]+$/u.test(domain)) return value;
  try {
    return `${value.slice(0, at)}@${new URL(`http://${domain}`).hostname}`;
  } catch {
    return value;
  }
}

export const email = z
  .string()
  .trim()
  .max(254)
  .transform(asciiDomain)
  // RFC 5321: at most 64 characters before the @.
  .pipe(
    z
      .email()
      .max(254)
      .refine((value) => value.lastIndexOf('@') <= 64, { message: 'local part too long' }),
  );
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/**
 * A number as people type and paste it: other dashes (en dash, minus) and spaces (no-break, thin)
 * as the plain ones, and dots as spaces ("070.123 45 67"), before the shape is checked.
 */
const plainPhone = (value: string) =>
  value
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f]/g, ' ')
    .replace(/\./g, ' ');

export const phone = z
  .string()
  .trim()
  .transform(plainPhone)
  .pipe(z.string().regex(new RegExp(PHONE_PATTERN)));

const SWEDISH_POSTAL_CODE = /^\d{3} ?\d{2}$/;
const FOREIGN_POSTAL_CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/;

const addressFields = z.object({
  careOf: optionalText(100),
  street: plainText(1, 120),
  postalCode: plainText(1, 20),
  city: plainText(1, 60),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/)
    .default('SE'),
});
const postcodeFields = addressFields.pick({ postalCode: true, country: true });

/** A Swedish or foreign postal address; `country` is ISO 3166-1 alpha-2 (SE when left out). */
export const postalAddress = addressFields
  .refine(
    (address) =>
      (address.country === 'SE' ? SWEDISH_POSTAL_CODE : FOREIGN_POSTAL_CODE).test(address.postalCode),
    {
      path: ['postalCode'],
      message: 'postal code',
      // Checked even when the street or city is missing, so every problem is told at once.
      when: (payload) => postcodeFields.safeParse(payload.value).success,
    },
  )
  // Stored in the country's written form: "83130" and "831 30" are one postcode.
  .transform((address) => ({
    ...address,
    postalCode: normalizePostcode(address.postalCode, address.country),
  }));
export type PostalAddress = z.output<typeof postalAddress>;

/**
 * Anti-spam fields every portal form carries: a honeypot that people never see (it must stay
 * empty) and the proof-of-work solution of a challenge fetched from the CMS.
 */
export const spamFields = {
  // Only ever empty: its one message says nothing of why, to a person or a bot.
  website: z.literal('').optional(),
  challenge: z.string().min(1).max(4000),
};

/** What to fix in a postal address, by field, for the form that has it at `prefix`. */
export function postalAddressMessages(prefix: string): FieldMessages {
  return {
    [prefix]: { sv: 'Ange en fullständig postadress.', en: 'Enter a complete postal address.' },
    [`${prefix}.street`]: { sv: 'Ange gatuadress.', en: 'Enter the street address.' },
    [`${prefix}.postalCode`]: {
      sv: 'Kontrollera postnumret (t.ex. 831 30).',
      en: 'Check the postal code (e.g. 831 30).',
    },
    [`${prefix}.city`]: { sv: 'Ange ort.', en: 'Enter the city.' },
    [`${prefix}.country`]: {
      sv: 'Ange land som landskod med två bokstäver, t.ex. SE.',
      en: 'Enter the country as a two-letter code, e.g. SE.',
    },
  };
}

/** Messages of the fields every portal form shares. */
export const COMMON_FIELD_MESSAGES: FieldMessages = {
  email: {
    sv: 'Ange en giltig e-postadress, till exempel namn@exempel.se.',
    en: 'Enter a valid e-mail address, e.g. name@example.com.',
  },
  language: { sv: 'Språket måste vara sv eller en.', en: 'The language must be sv or en.' },
  website: {
    sv: 'Formuläret kunde inte skickas. Försök igen.',
    en: 'The form could not be sent. Please try again.',
  },
  challenge: {
    sv: 'Säkerhetskontrollen saknas eller har gått ut. Ladda om sidan och försök igen.',
    en: 'The security check is missing or has expired. Reload the page and try again.',
  },
};
