import type { z } from 'zod';
import type { Label, Locale } from '../labels';

/**
 * Turning zod issues into what a visitor reads: one short message per invalid field, Swedish and
 * English, saying what to fix. The same function runs in the site's form (inline errors) and in
 * the CMS endpoint (HTTP 400), so both say the same thing.
 */
export interface FieldError {
  /** Path of the field, e.g. ["email"] or ["postalAddress", "postalCode"]. */
  path: (string | number)[];
  message: Label;
}

/** Messages for a field's most common problem (missing or invalid), keyed by its dotted path. */
export type FieldMessages = Record<string, Label>;

const GENERIC: Record<string, Label> = {
  required: { sv: 'Fältet måste fyllas i.', en: 'This field is required.' },
  invalid_type: { sv: 'Fältet har fel format.', en: 'This field has the wrong format.' },
  too_big: { sv: 'Texten eller värdet är för stort.', en: 'The text or value is too large.' },
  too_small: { sv: 'Texten eller värdet är för litet.', en: 'The text or value is too small.' },
  invalid_value: { sv: 'Välj ett av de giltiga alternativen.', en: 'Choose one of the valid options.' },
  unrecognized_keys: { sv: 'Formuläret innehåller okända fält.', en: 'The form contains unknown fields.' },
  custom: { sv: 'Kontrollera fältet.', en: 'Please check this field.' },
  // The body as a whole is not a form (a list, a text): no field to name.
  unreadable: {
    sv: 'Formuläret kunde inte läsas. Skicka det från sidan igen.',
    en: 'The form could not be read. Send it again from the page.',
  },
};

function genericMessage(issue: z.core.$ZodIssue): Label {
  if (issue.path.length === 0) return GENERIC.unreadable;
  if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined)
    return GENERIC.required;
  if (issue.code === 'too_big' && issue.origin === 'string')
    return { sv: `Högst ${issue.maximum} tecken.`, en: `At most ${issue.maximum} characters.` };
  if (issue.code === 'too_big' && issue.origin === 'array')
    return { sv: `Högst ${issue.maximum} val.`, en: `At most ${issue.maximum} choices.` };
  if (issue.code === 'too_big' && issue.origin === 'number')
    return { sv: `Högst ${issue.maximum}.`, en: `At most ${issue.maximum}.` };
  if (issue.code === 'too_small' && issue.origin === 'number')
    return { sv: `Minst ${issue.minimum}.`, en: `At least ${issue.minimum}.` };
  return GENERIC[issue.code] ?? GENERIC.custom;
}

const withoutStop = (text: string) => text.replace(/[.!]$/, '');
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * A text or list too long says how long it may be, after the field's own words, so that an error
 * summary names the field ("Kontrollera meddelandet: högst 5000 tecken."). Any other issue takes
 * the field's message, which already says what is allowed.
 */
function messageFor(issue: z.core.$ZodIssue, specific: Label | undefined): Label {
  const generic = genericMessage(issue);
  if (issue.code !== 'too_big' || issue.origin === 'number') return specific ?? generic;
  if (!specific) return generic;
  return {
    sv: `${withoutStop(specific.sv)}: ${lowerFirst(generic.sv)}`,
    en: `${withoutStop(specific.en)}: ${lowerFirst(generic.en)}`,
  };
}

/**
 * One error per field: the first issue of each field wins, a field inside an object counting on
 * its own (a missing street and a missing city are two errors, told at once; a list's items are
 * one field). A field-specific message is used, with the limit added for a text or list too
 * long (`messageFor`); a nested field without one takes its object's.
 */
export function fieldErrors(error: z.ZodError, messages: FieldMessages): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    const key = path.filter((p) => typeof p === 'string').join('.');
    const fieldKey = path.length > 0 ? String(path[0]) : '';
    if (seen.has(key)) continue;
    seen.add(key);
    const specific = messages[key] ?? messages[fieldKey];
    result.push({ path, message: messageFor(issue, specific) });
  }
  return result;
}

/** The message of a field error in the visitor's language. */
export function localized(label: Label, locale: Locale): string {
  return label[locale];
}
