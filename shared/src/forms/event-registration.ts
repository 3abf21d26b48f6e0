import { z } from 'zod';
import { LOCALES } from '../labels';
import { COMMON_FIELD_MESSAGES, email, optionalText, personName, phone, spamFields } from './fields';
import type { FormEncoding } from './form-encoding';
import type { FieldMessages } from './messages';

/** The most places one sign-up may take (a household, not a group booking). */
export const EVENT_MAX_PARTICIPANTS = 10;

/** An event's slug (what a uid field holds). */
const eventSlug = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._~-]{1,100}$/);

/** A sign-up to an event: the event page's form and `POST /api/event-registrations`. */
export const eventRegistrationSchema = z.object({
  event: eventSlug,
  name: personName,
  email,
  phone: z.union([phone, z.literal('')]).optional(),
  participants: z.number().int().min(1).max(EVENT_MAX_PARTICIPANTS).default(1),
  message: optionalText(1000),
  language: z.enum(LOCALES).default('sv'),
  consent: z.literal(true),
  ...spamFields,
});
export type EventRegistrationInput = z.input<typeof eventRegistrationSchema>;
export type EventRegistration = z.output<typeof eventRegistrationSchema>;

export const EVENT_REGISTRATION_MESSAGES: FieldMessages = {
  ...COMMON_FIELD_MESSAGES,
  event: { sv: 'Evenemanget tar inte emot anmälningar.', en: 'The event does not take sign-ups.' },
  name: { sv: 'Ange ditt namn.', en: 'Enter your name.' },
  phone: {
    sv: 'Ange ett telefonnummer med siffror, eller lämna fältet tomt.',
    en: 'Enter a phone number in digits, or leave it empty.',
  },
  message: { sv: 'Kontrollera meddelandet.', en: 'Check the message.' },
  participants: {
    sv: `Ni kan vara 1–${EVENT_MAX_PARTICIPANTS} personer.`,
    en: `You can be 1–${EVENT_MAX_PARTICIPANTS} people.`,
  },
  consent: {
    sv: 'Du behöver godkänna att vi sparar din anmälan.',
    en: 'You need to agree that we keep your sign-up.',
  },
};

export const EVENT_REGISTRATION_FORM_ENCODING = {
  numbers: ['participants'],
  requiredBooleans: ['consent'],
} as const satisfies FormEncoding;

/** `GET /api/event-registrations/places?event=<slug>`: what the event page shows above its form. */
export const eventPlacesQuerySchema = z.object({ event: eventSlug, language: z.enum(LOCALES).default('sv') });

/**
 * The answer: whether the event takes sign-ups now, and when it has a capacity, how many places are
 * left (0: a sign-up goes on the waiting list). Counts only, never who signed up.
 */
export const eventPlacesSchema = z.object({
  open: z.boolean(),
  capacity: z.number().int().min(0).nullable(),
  left: z.number().int().min(0).nullable(),
});
export type EventPlaces = z.output<typeof eventPlacesSchema>;
