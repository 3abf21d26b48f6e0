import { randomBytes } from 'node:crypto';
import type { Slots } from '../../templates/types';

/**
 * Per-recipient placeholders. Each compile draws a fresh random token, so a placeholder cannot be
 * written by an editor: text in CMS content that looks like one (or like "{{name}}") is content,
 * escaped like any other, and never substituted.
 */
export const SLOT_NAMES = [
  'greeting',
  'unsubscribeUrl',
  'preferencesUrl',
] as const satisfies readonly (keyof Slots)[];
export type SlotName = (typeof SLOT_NAMES)[number];

/** A template split at its placeholders: parts[0] slot[0] parts[1] … parts[n]. */
export interface SplitTemplate {
  parts: string[];
  slots: SlotName[];
}

export interface PlaceholderSet {
  slots: Slots;
  split(source: string): SplitTemplate;
}

export function placeholderSet(): PlaceholderSet {
  // Letters, digits and underscores only: unchanged by MJML, HTML escaping, URLs and html-to-text.
  const token = randomBytes(16).toString('hex');
  const slot = (name: SlotName) => `__${token}_${name}__`;
  const pattern = new RegExp(`__${token}_(${SLOT_NAMES.join('|')})__`, 'g');
  return {
    slots: {
      greeting: slot('greeting'),
      unsubscribeUrl: slot('unsubscribeUrl'),
      preferencesUrl: slot('preferencesUrl'),
    },
    split(source) {
      const parts: string[] = [];
      const slots: SlotName[] = [];
      let last = 0;
      for (const match of source.matchAll(pattern)) {
        parts.push(source.slice(last, match.index));
        slots.push(match[1] as SlotName);
        last = (match.index ?? 0) + match[0].length;
      }
      parts.push(source.slice(last));
      if (source.includes(token)) {
        // A placeholder mangled on the way (e.g. wrapped or case-changed) would leak the token.
        const leftover = parts.some((p) => p.includes(token));
        if (leftover) throw new Error('A newsletter placeholder was altered during rendering');
      }
      return { parts, slots };
    },
  };
}
