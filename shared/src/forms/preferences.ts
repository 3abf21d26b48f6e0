import { z } from 'zod';
import { LOCALES } from '../labels';
import { municipalityList, topicList } from '../json-lists';
import { newsletterSlug } from '../newsletters';
import type { FormEncoding } from './form-encoding';
import type { FieldMessages } from './messages';
import { SUBSCRIPTION_MESSAGES } from './subscription';

/**
 * The preference centre's form (`POST /api/newsletter/preferences?token=…`): which newsletters a
 * person gets, their topics, municipalities and language, or `leave-all`. Posted without
 * JavaScript; a newsletter left out is one they leave.
 */
export const preferencesSchema = z.object({
  action: z.enum(['save', 'leave-all']).default('save'),
  newsletters: z.array(newsletterSlug).max(50).default([]),
  interests: topicList.default([]),
  municipalities: municipalityList.default([]),
  language: z.enum(LOCALES).default('sv'),
});
export type PreferencesInput = z.output<typeof preferencesSchema>;

export const PREFERENCES_FORM_ENCODING = {
  lists: ['newsletters', 'interests', 'municipalities'],
} as const satisfies FormEncoding;

export const PREFERENCES_MESSAGES: FieldMessages = {
  action: { sv: 'Välj att spara eller att avsluta alla.', en: 'Choose to save or to leave all.' },
  newsletters: { sv: 'Välj bland nyhetsbreven som visas.', en: 'Choose among the newsletters shown.' },
  interests: SUBSCRIPTION_MESSAGES.interests,
  municipalities: SUBSCRIPTION_MESSAGES.municipalities,
  language: { sv: 'Välj svenska eller engelska.', en: 'Choose Swedish or English.' },
};
