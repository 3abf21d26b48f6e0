import { z } from 'zod';
import { LOCALES } from '../labels';
import { MUNICIPALITY_SLUGS } from '../municipalities';
import { COUNTY_TIES, FORM_SOURCES, MOVE_TIMES, PREFERRED_CHANNELS } from '../register';
import { municipalityList, topicList } from '../json-lists';
import { MAGAZINE_ORDER_MAX_QUANTITY } from '../register';
import {
  COMMON_FIELD_MESSAGES,
  email,
  optionalText,
  personName,
  phone,
  plainText,
  postalAddress,
  postalAddressMessages,
  spamFields,
} from './fields';
import type { FormEncoding } from './form-encoding';
import type { FieldMessages } from './messages';

/** A household's registration for relocation guidance: the portal form and `POST /api/registrations`. */
const registrationFields = z.object({
  firstName: personName,
  lastName: optionalText(100),
  email,
  phone: phone.optional(),
  // No defaults: "not given" must stay apart from a choice, so a return visit that leaves them out
  // keeps what the person gave before (the CMS's merge rules, docs/architecture.md).
  preferredChannel: z.enum(PREFERRED_CHANNELS.values).optional(),
  householdSize: z.number().int().min(1).max(20).optional(),
  children: z.number().int().min(0).max(20).optional(),
  countyTie: z.enum(COUNTY_TIES.values).optional(),
  municipalities: municipalityList.default([]),
  topics: topicList.default([]),
  occupation: optionalText(200),
  currentLocation: optionalText(200),
  plannedMoveTime: z.enum(MOVE_TIMES.values).optional(),
  message: optionalText(5000),
  consentToContact: z.literal(true),
  newsletterConsent: z.boolean().default(false),
  magazine: z
    .object({
      edition: plainText(1, 100),
      quantity: z.number().int().min(1).max(MAGAZINE_ORDER_MAX_QUANTITY).default(1),
      postalAddress,
    })
    .optional(),
  source: z.enum(FORM_SOURCES).default('portal'),
  sourceMunicipality: z.enum(MUNICIPALITY_SLUGS).optional(),
  /** Origin of the municipal website the form is embedded in; the CMS accepts only known ones. */
  embedOrigin: z
    .url({ protocol: /^https?$/ })
    .max(200)
    .optional(),
  language: z.enum(LOCALES).default('sv'),
  ...spamFields,
});

/**
 * Cross-field rules. `when` lets them run even if other fields are invalid, so the visitor sees
 * every problem at once: they only need their own fields to be well-formed. (The picked schemas
 * are built once: building a zod schema per parse cost more than the rest of the validation.)
 */
const channelFields = registrationFields.pick({ preferredChannel: true, phone: true });
const sourceFields = registrationFields.pick({ source: true, sourceMunicipality: true });
const householdFields = registrationFields.pick({ householdSize: true, children: true });

export const registrationSchema = registrationFields
  .refine((r) => r.preferredChannel !== 'phone' || !!r.phone, {
    path: ['phone'],
    message: 'phone required for phone channel',
    when: (payload) => channelFields.safeParse(payload.value).success,
  })
  // The children are counted in the household, with at least the person registering.
  .refine((r) => r.householdSize === undefined || r.children === undefined || r.children < r.householdSize, {
    path: ['children'],
    message: 'more children than household',
    when: (payload) => householdFields.safeParse(payload.value).success,
  })
  .refine((r) => r.source !== 'municipal-site' || !!r.sourceMunicipality, {
    path: ['sourceMunicipality'],
    message: 'which municipality',
    when: (payload) => sourceFields.safeParse(payload.value).success,
  });
export type RegistrationInput = z.input<typeof registrationSchema>;
export type Registration = z.output<typeof registrationSchema>;

export const REGISTRATION_MESSAGES: FieldMessages = {
  ...COMMON_FIELD_MESSAGES,
  firstName: { sv: 'Ange ditt förnamn.', en: 'Enter your first name.' },
  lastName: { sv: 'Kontrollera efternamnet.', en: 'Check the last name.' },
  phone: {
    // Said both of a number that is no phone number and of one missing for a call.
    sv: 'Ange ett telefonnummer med riktnummer, till exempel 070-123 45 67, eller med landsnummer (+47 …) om det inte är svenskt.',
    en: 'Enter a phone number with the area code, such as 070-123 45 67, or with the country code (+47 …) if it is not Swedish.',
  },
  preferredChannel: {
    sv: 'Välj om du vill bli kontaktad via telefon eller e-post.',
    en: 'Choose phone or e-mail as your preferred channel.',
  },
  householdSize: {
    sv: 'Ange hur många ni är i hushållet (1–20).',
    en: 'Enter how many you are in the household (1–20).',
  },
  children: {
    sv: 'Ange antal barn (0–20), färre än personerna i hushållet.',
    en: 'Enter the number of children (0–20), fewer than the people in the household.',
  },
  countyTie: { sv: 'Välj din koppling till länet.', en: 'Choose your tie to the county.' },
  municipalities: {
    sv: 'Välj bland länets åtta kommuner, varje kommun en gång.',
    en: "Choose among the county's eight municipalities, each once.",
  },
  topics: {
    sv: 'Välj bland de listade ämnena, varje ämne en gång.',
    en: 'Choose among the listed topics, each once.',
  },
  occupation: { sv: 'Kontrollera yrke eller bransch.', en: 'Check the occupation or field.' },
  currentLocation: { sv: 'Kontrollera var du bor i dag.', en: 'Check where you live now.' },
  plannedMoveTime: { sv: 'Välj när du planerar att flytta.', en: 'Choose when you plan to move.' },
  message: { sv: 'Kontrollera meddelandet.', en: 'Check the message.' },
  consentToContact: {
    sv: 'Du behöver godkänna att en flyttvägledare kontaktar dig.',
    en: 'You need to agree that a relocation guide contacts you.',
  },
  newsletterConsent: {
    sv: 'Ange ja eller nej för nyhetsbrevet.',
    en: 'Answer yes or no for the newsletter.',
  },
  magazine: { sv: 'Kontrollera beställningen av magasinet.', en: 'Check the magazine order.' },
  'magazine.edition': {
    sv: 'Välj en utgåva av magasinet som går att beställa.',
    en: 'Choose an edition of the magazine that can be ordered.',
  },
  ...postalAddressMessages('magazine.postalAddress'),
  source: { sv: 'Okänd källa för registreringen.', en: 'Unknown source of the registration.' },
  embedOrigin: {
    sv: 'Formuläret kan inte användas på den här webbplatsen. Registrera dig på tasteget.nu i stället.',
    en: 'The form cannot be used on this website. Register at tasteget.nu instead.',
  },
  sourceMunicipality: {
    sv: 'Ange vilken kommuns webbplats formuläret finns på.',
    en: "State which municipality's website the form is on.",
  },
};

/** How the registration form's fields arrive when posted without JavaScript. */
export const REGISTRATION_FORM_ENCODING = {
  lists: ['municipalities', 'topics'],
  numbers: ['householdSize', 'children', 'magazine.quantity'],
  booleans: ['newsletterConsent'],
  requiredBooleans: ['consentToContact'],
  toggles: { orderMagazine: 'magazine' },
} as const satisfies FormEncoding;
