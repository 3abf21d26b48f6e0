import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PHONE_PATTERN, WEB_LINK_PATTERN } from '@tasteget/shared';
import { bilingual, fieldPath, type Messages } from './admin-errors';

/**
 * Strapi's own validation (yup's checks of a Content Manager save, of the admin's forms) answers a
 * 400 in English that reads like code: "householdSize must be a `number` type, but the final value
 * was: `NaN`", "moveStatus must be one of the following values: …", "2 errors occurred". Staff are
 * owed the project's admin error style (admin-errors.ts), so such an answer is reworded here: each
 * field's message whose English is one of Strapi's known templates becomes "<label>: what to do"
 * in Swedish and English, the field named by its label in the Content Manager, and the answer's
 * message says it once more for the whole (`details.messages` holding the two apart). A message
 * this list does not know stays as Strapi wrote it (the answer's message is still bilingual), and
 * an answer already in the project's style passes untouched. The status stays the same.
 */

/** The labels of each content type's and component's fields, by UID and field name. */
export type FieldLabels = Record<string, Record<string, Messages>>;

const REQUIRED = { sv: 'fältet måste fyllas i.', en: 'the field must be filled in.' };
const WHOLE_NUMBER = { sv: 'ange ett heltal.', en: 'enter a whole number.' };
const NUMBER = { sv: 'ange ett tal.', en: 'enter a number.' };
/** Swedish writes a decimal comma. */
const svNumber = (value: string) => value.replace(/^(-?\d+)\.(\d+)$/, '$1,$2');

const TYPES: Record<string, Messages> = {
  number: NUMBER,
  string: { sv: 'ange text.', en: 'enter text.' },
  boolean: { sv: 'välj ja eller nej.', en: 'choose yes or no.' },
  date: { sv: 'ange ett datum.', en: 'enter a date.' },
};

/** What a pattern asks for, in words, for the patterns the schemas use; others "have the wrong format". */
const FORMAT_OF: Record<string, Messages> = {
  [WEB_LINK_PATTERN]: {
    sv: 'skriv en länk som börjar med https:// (eller / för en sida på portalen).',
    en: 'write a link that starts with https:// (or / for a page on the portal).',
  },
  [PHONE_PATTERN]: {
    sv: 'skriv ett telefonnummer, till exempel 070-123 45 67 eller +46 70 123 45 67.',
    en: 'write a phone number, such as 070-123 45 67 or +46 70 123 45 67.',
  },
  // Strapi's own for a uid (a page's address).
  '^[A-Za-z0-9-_.~]*$': {
    sv: 'använd bara bokstäverna a–z, siffror och bindestreck, till exempel min-berattelse.',
    en: 'use only the letters a–z, digits and hyphens, such as my-story.',
  },
};

/**
 * yup's English (its defaults, and Strapi's own tests of an entry), after the field's path that
 * starts each message, and what a member of staff is told instead.
 */
const TEMPLATES: [RegExp, (match: RegExpMatchArray) => Messages][] = [
  [
    /^must be one of the following values: /,
    () => ({ sv: 'välj ett av de tillåtna värdena.', en: 'choose one of the allowed values.' }),
  ],
  [
    /^must not be one of the following values: /,
    () => ({ sv: 'det värdet är inte tillåtet.', en: 'that value is not allowed.' }),
  ],
  // A field cleared to null fails its type check: the field is simply missing.
  [/^must be a `\w+` type, but the final value was: `null`/, () => REQUIRED],
  [
    /^must be a `(\w+)` type/,
    ([, type]) => TYPES[type] ?? { sv: 'värdet har fel form.', en: 'the value has the wrong form.' },
  ],
  [/^must be (an integer|a valid integer)$/, () => WHOLE_NUMBER],
  [/^must be a finite number$/, () => NUMBER],
  [/^(cannot be empty|cannot be null\.?|must be defined\.?|is a required field)$/, () => REQUIRED],
  [
    /^must be at most (\d+) characters$/,
    ([, n]) => ({ sv: `får vara högst ${n} tecken.`, en: `may be at most ${n} characters.` }),
  ],
  [
    /^must be at least (\d+) characters$/,
    ([, n]) => ({ sv: `måste vara minst ${n} tecken.`, en: `must be at least ${n} characters.` }),
  ],
  [
    /^must be exactly (\d+) characters$/,
    ([, n]) => ({ sv: `måste vara exakt ${n} tecken.`, en: `must be exactly ${n} characters.` }),
  ],
  [
    /^must be a valid email$/,
    () => ({ sv: 'ange en giltig e-postadress.', en: 'enter a valid e-mail address.' }),
  ],
  // Strapi's check of a link in rich text ("Please specify a valid link."): no path before it.
  [
    /^specify a valid link\.?$/,
    () => ({
      sv: 'ange en giltig länk: en webbadress som börjar med https:// eller en sida på portalen.',
      en: 'give a valid link: a web address starting with https:// or a page of the portal.',
    }),
  ],
  [
    /^must be a valid URL$/,
    () => ({ sv: 'ange en giltig webbadress (URL).', en: 'enter a valid web address (URL).' }),
  ],
  [
    /^must be greater than or equal to (\S+)$/,
    ([, n]) => ({ sv: `måste vara minst ${svNumber(n)}.`, en: `must be at least ${n}.` }),
  ],
  [
    /^must be less than or equal to (\S+)$/,
    ([, n]) => ({ sv: `får vara högst ${svNumber(n)}.`, en: `may be at most ${n}.` }),
  ],
  [
    /^must be greater than (\S+)$/,
    ([, n]) => ({ sv: `måste vara större än ${svNumber(n)}.`, en: `must be greater than ${n}.` }),
  ],
  [
    /^must be less than (\S+)$/,
    ([, n]) => ({ sv: `måste vara mindre än ${svNumber(n)}.`, en: `must be less than ${n}.` }),
  ],
  [
    /^must be a positive number$/,
    () => ({ sv: 'ange ett tal över noll.', en: 'enter a number above zero.' }),
  ],
  [
    /^must match the following: "(.*)"$/,
    ([, pattern]) =>
      FORMAT_OF[pattern] ?? { sv: 'värdet har fel format.', en: 'the value is in the wrong format.' },
  ],
  [
    // The choice lists' own check (content/json-lists.ts), worded as Strapi words its checks.
    /^must be chosen from its list, each once$/,
    () => ({
      sv: 'välj bara bland listans värden, vart och ett en gång.',
      en: 'choose only among the values of the list, each once.',
    }),
  ],
  [
    /^field must have at least (\d+) items$/,
    ([, n]) => ({ sv: `välj minst ${n}.`, en: `choose at least ${n}.` }),
  ],
  [
    /^field must have less than or equal to (\d+) items$/,
    ([, n]) => ({ sv: `välj högst ${n}.`, en: `choose at most ${n}.` }),
  ],
];

/** Strapi's uniqueness check names no field: the field is in the error's path. */
const UNIQUE = /^This attribute must be unique$/;

/** What the field is told, or undefined for a message that is not one of the known templates. */
function whatIsWrong(message: string): Messages | undefined {
  if (UNIQUE.test(message)) {
    return {
      sv: 'värdet finns redan och måste vara unikt.',
      en: 'the value already exists and must be unique.',
    };
  }
  // The field's path (`firstName`, `address.street`, `sections[0].heading`), then the template.
  const rest = /^\S+ ([\s\S]*)$/.exec(message)?.[1];
  if (rest === undefined) return undefined;
  for (const [template, say] of TEMPLATES) {
    const match = template.exec(rest);
    if (match) return say(match);
  }
  return undefined;
}

/** A body that is not JSON, refused by Strapi's body parser (co-body) before any route. */
/**
 * A refusal of the project's own checks of a save, in Strapi's words ("<path> must …", one per
 * field): this module words it for staff with each field's label, as it words Strapi's own.
 */
export function inStrapisWords(fields: { path: string[]; message: string }[]) {
  return new errors.ValidationError(
    fields.length === 1 ? fields[0].message : `${fields.length} errors occurred`,
    { errors: fields.map((field) => ({ ...field, name: 'ValidationError' })) },
  );
}

export const NOT_JSON: Messages = {
  sv: 'Innehållet är inte giltig JSON och kunde inte läsas.',
  en: 'The body is not valid JSON and could not be read.',
};
export const isNotJson = (error: unknown): error is SyntaxError =>
  error instanceof SyntaxError && (error as SyntaxError & { status?: number }).status === 400;

/**
 * A body that is not compressed as its Content-Encoding says (zlib's and brotli's errors, which
 * reach Strapi's error middleware as a 500): 'undecodable'. One in an encoding the body parser
 * does not read (inflation's English-only 415): 'unsupported'.
 */
export function unreadableEncoding(error: unknown): 'undecodable' | 'unsupported' | null {
  if (!(error instanceof Error)) return null;
  const { code, status } = error as Error & { code?: unknown; status?: number };
  if (typeof code === 'string' && /^(Z_|ERR__ERROR|ERR_BROTLI)/.test(code)) return 'undecodable';
  if (status === 415 && error.message.startsWith('Unsupported Content-Encoding')) return 'unsupported';
  return null;
}

/** A body past the body parser's limit (co-body's "request entity too large"). */
export const TOO_LARGE: Messages = {
  sv: 'Innehållet är för stort för att sparas. Korta texten, eller lägg stora filer i mediebiblioteket.',
  en: 'The content is too large to save. Shorten the text, or put large files in the Media Library.',
};
export const isTooLarge = (error: unknown): boolean =>
  error instanceof Error &&
  (error as Error & { status?: number; type?: string }).status === 413 &&
  (error as Error & { type?: string }).type === 'entity.too.large';

type FieldError = { path?: unknown; message?: unknown } & Record<string, unknown>;
export type ErrorAnswer = { message?: unknown; details?: unknown };

/** Where the answer came from: the content type of a Content Manager route, and the request's body. */
export type Request = { path: string; body: unknown };

/** The content type of a Content Manager request (`/content-manager/collection-types/<uid>/…`). */
function contentTypeOf(path: string): string | undefined {
  const match = /^\/content-manager\/(?:collection|single)-types\/([^/]+)/.exec(path);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/**
 * A field's name as staff read it, following its path through components and dynamic zones (a
 * dynamic zone's entry names its component in the body), e.g. "Avsnitt 2 › Rubrik". A field
 * without a label is named by its path.
 */
function labelOf(strapi: Core.Strapi, labels: FieldLabels, request: Request, path: string[]): Messages {
  let uid = contentTypeOf(request.path);
  let node: unknown = request.body;
  let inDynamicZone = false;
  const names: Messages[] = [];
  for (const segment of path) {
    const at = (node as Record<string, unknown> | null | undefined)?.[segment];
    node = typeof node === 'object' && node !== null ? at : undefined;
    if (/^\d+$/.test(segment)) {
      const last = names.at(-1);
      if (last)
        names[names.length - 1] = {
          sv: `${last.sv} ${Number(segment) + 1}`,
          en: `${last.en} ${Number(segment) + 1}`,
        };
      if (inDynamicZone) {
        const component = (node as { __component?: unknown } | undefined)?.__component;
        uid = typeof component === 'string' ? component : undefined;
        inDynamicZone = false;
      }
      continue;
    }
    const label = uid ? labels[uid]?.[segment] : undefined;
    const attribute = uid
      ? (strapi.getModel(uid as UID.Schema)?.attributes?.[segment] as
          { type?: string; component?: string } | undefined)
      : undefined;
    names.push(label ?? { sv: segment, en: segment });
    inDynamicZone = attribute?.type === 'dynamiczone';
    uid = attribute?.type === 'component' ? attribute.component : undefined;
  }
  if (names.length === 0) return { sv: fieldPath(path), en: fieldPath(path) };
  return {
    sv: names.map((name) => name.sv).join(' › '),
    en: names.map((name) => name.en).join(' › '),
  };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const isBilingual = (message: unknown) => typeof message === 'string' && message.includes(' / ');

/**
 * The answer reworded, as `{ messages, details }`; undefined when it is not Strapi's validation
 * shape (a 400 listing its fields in `details.errors`) or is already in the project's style.
 */
export function plainValidation(
  strapi: Core.Strapi,
  labels: FieldLabels,
  request: Request,
  answer: ErrorAnswer,
): { messages: Messages; details: Record<string, unknown> } | undefined {
  const details = (answer.details ?? {}) as Record<string, unknown> & {
    messages?: unknown;
    errors?: unknown;
  };
  if (!Array.isArray(details.errors) || details.errors.length === 0) return undefined;
  if (details.messages || isBilingual(answer.message)) return undefined;

  const fields: Messages[] = [];
  const errors = (details.errors as FieldError[]).map((error) => {
    const path = Array.isArray(error.path) ? error.path.map(String) : [];
    const label = labelOf(strapi, labels, request, path);
    if (label.sv && !fields.some((field) => field.sv === label.sv)) fields.push(label);
    const issue = typeof error.message === 'string' ? whatIsWrong(error.message) : undefined;
    if (!issue) return { error, said: undefined };
    // An error of the whole body (no path) has no field to name.
    const said = label.sv
      ? { sv: `${label.sv}: ${issue.sv}`, en: `${label.en}: ${issue.en}` }
      : { sv: capitalised(issue.sv), en: capitalised(issue.en) };
    return { error: { ...error, message: bilingual(said) }, said };
  });

  // One field wrong, in words we know: the answer says what is wrong with it.
  const only = errors.length === 1 ? errors[0].said : undefined;
  const messages =
    only ??
    (fields.length === 0
      ? { sv: 'Uppgifterna behöver rättas.', en: 'The data needs correcting.' }
      : {
          sv: `${fields.length === 1 ? 'Ett fält behöver' : `${fields.length} fält behöver`} rättas: ${fields.map((f) => f.sv).join(', ')}.`,
          en: `${fields.length === 1 ? 'One field needs' : `${fields.length} fields need`} correcting: ${fields.map((f) => f.en).join(', ')}.`,
        });
  return { messages, details: { ...details, messages, errors: errors.map(({ error }) => error) } };
}
