import escapeHtml from 'escape-html';
import { STRINGS } from '../../templates/strings';
import type { CompiledCampaign } from './compile';
import type { SlotName, SplitTemplate } from './placeholders';

/** What varies per recipient. */
export interface Personalisation {
  firstName?: string | null;
  /** The recipient's own unsubscribe page (https; its token is random, never an id). */
  unsubscribeUrl: string;
  /**
   * The recipient's preference centre (https). The CMS opens it with the same token as the
   * unsubscribe page, so the mail carries nothing more about the person than it did.
   */
  preferencesUrl: string;
}

export interface PersonalisedMessage {
  subject: string;
  html: string;
  text: string;
}

/** Names come from forms: one line, trimmed, no control characters. */
function cleanName(value: string | null | undefined): string | null {
  const cleaned = [...(value ?? '')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return cleaned === '' ? null : cleaned.slice(0, 100);
}

function fill(template: SplitTemplate, values: Record<SlotName, string>): string {
  let out = template.parts[0];
  for (let i = 0; i < template.slots.length; i++) out += values[template.slots[i]] + template.parts[i + 1];
  return out;
}

/** One recipient's slot values: HTML-escaped for the HTML part, as they are for the text part. */
export interface SlotValues {
  html: Record<SlotName, string>;
  text: Record<SlotName, string>;
}

/** A link of the footer, parsed (which percent-encodes what would break out of an attribute). */
function webLink(value: string, what: string): string {
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The ${what} link must be http(s): ${value}`);
  }
  return url.toString();
}

export function slotValues(compiled: CompiledCampaign, recipient: Personalisation): SlotValues {
  const s = STRINGS[compiled.language];
  const text: Record<SlotName, string> = {
    greeting: s.greeting(cleanName(recipient.firstName)),
    unsubscribeUrl: webLink(recipient.unsubscribeUrl, 'unsubscribe'),
    preferencesUrl: webLink(recipient.preferencesUrl, 'preferences'),
  };
  const html = {
    greeting: escapeHtml(text.greeting),
    unsubscribeUrl: escapeHtml(text.unsubscribeUrl),
    preferencesUrl: escapeHtml(text.preferencesUrl),
  };
  return { html, text };
}

/** Substitutes one recipient's values into both parts. */
export function personalise(compiled: CompiledCampaign, recipient: Personalisation): PersonalisedMessage {
  const values = slotValues(compiled, recipient);
  return {
    subject: compiled.subject,
    html: fill(compiled.html, values.html),
    text: fill(compiled.text, values.text),
  };
}
