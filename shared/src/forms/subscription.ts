import { z } from 'zod';
import { LOCALES } from '../labels';
import { municipalityList, topicList } from '../json-lists';
import { newsletterSlug } from '../newsletters';
import { COMMON_FIELD_MESSAGES, email, spamFields } from './fields';
import type { FormEncoding } from './form-encoding';
import type { FieldMessages } from './messages';

/** A newsletter subscription (double opt-in): `POST /api/newsletter/subscriptions`. */
export const subscriptionSchema = z.object({
  email,
  /** The newsletters asked for, by slug; none means the county's newsletter. */
  newsletters: z.array(newsletterSlug).max(20).default([]),
  interests: topicList.default([]),
  municipalities: municipalityList.default([]),
  language: z.enum(LOCALES).default('sv'),
  consent: z.literal(true),
  ...spamFields,
});
export type SubscriptionInput = z.input<typeof subscriptionSchema>;
export type Subscription = z.output<typeof subscriptionSchema>;

/** Confirm and unsubscribe carry only a token: random, unguessable, never an id. */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/);

export const SUBSCRIPTION_MESSAGES: FieldMessages = {
  ...COMMON_FIELD_MESSAGES,
  newsletters: {
    sv: 'Välj bland nyhetsbreven som erbjuds.',
    en: 'Choose among the newsletters offered.',
  },
  interests: {
    sv: 'Välj bland de listade ämnena, varje ämne en gång.',
    en: 'Choose among the listed topics, each once.',
  },
  municipalities: {
    sv: 'Välj bland länets åtta kommuner, varje kommun en gång.',
    en: "Choose among the county's eight municipalities, each once.",
  },
  consent: {
    sv: 'Du behöver godkänna att få nyhetsbrevet.',
    en: 'You need to agree to receive the newsletter.',
  },
};

/** How the subscription form's fields arrive when posted without JavaScript. */
export const SUBSCRIPTION_FORM_ENCODING = {
  lists: ['newsletters', 'interests', 'municipalities'],
  requiredBooleans: ['consent'],
} as const satisfies FormEncoding;
