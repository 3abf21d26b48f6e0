import { useEffect, useState } from 'react';
import {
  CONSENTS,
  EVENT_MAX_PARTICIPANTS,
  EVENT_REGISTRATION_FORM_ENCODING,
  EVENT_REGISTRATION_MESSAGES,
  eventPlacesSchema,
  eventRegistrationSchema,
  type EventPlaces,
  type Locale,
} from '@tasteget/shared/browser';
import { Checkbox, TextArea, TextField } from './fields';
import { PortalForm } from './PortalForm';

/**
 * The event's places as the CMS counts them now (the page itself is only rebuilt on publish), and
 * a way to count again: after a sign-up the visitor sees the places it took.
 */
function usePlaces(cmsUrl: string, event: string, language: Locale): [EventPlaces | null, () => void] {
  const [places, setPlaces] = useState<EventPlaces | null>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    const query = new URLSearchParams({ event, language });
    fetch(`${cmsUrl}/api/event-registrations/places?${query}`, { headers: { Accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : null))
      .then((body: { data?: unknown } | null) => {
        const parsed = eventPlacesSchema.safeParse(body?.data);
        if (parsed.success) setPlaces(parsed.data);
      })
      // Without the count the form still works: the answer to a sign-up says place or waiting list.
      .catch(() => undefined);
  }, [cmsUrl, event, language, asked]);
  return [places, () => setAsked((n) => n + 1)];
}

/** What the places say, or nothing while unknown or unlimited. */
function placesText(places: EventPlaces | null, t: (typeof TEXTS)[Locale]): string | null {
  if (!places) return null;
  if (!places.open) return t.closed;
  if (places.left === null) return null;
  return places.left > 0 ? t.left(places.left) : t.full;
}

/** A sign-up to an event: a place, or the waiting list when it is full; the CMS mails the answer. */
const TEXTS = {
  sv: {
    name: 'Namn',
    email: 'E-post',
    phone: 'Telefon',
    participants: 'Hur många kommer?',
    message: 'Något vi behöver veta? (till exempel allergier)',
    consent: CONSENTS.event.text.sv,
    success: 'Tack för din anmälan!',
    left: (n: number) => (n === 1 ? 'En plats kvar.' : `${n} platser kvar.`),
    full: 'Evenemanget är fullt. Anmäl dig ändå, så står du på väntelistan och får ett mejl om en plats blir ledig.',
    closed: 'Evenemanget tar inte längre emot anmälningar.',
  },
  en: {
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    participants: 'How many of you are coming?',
    message: 'Anything we should know? (allergies, for example)',
    consent: CONSENTS.event.text.en,
    success: 'Thank you for signing up!',
    left: (n: number) => (n === 1 ? 'One place left.' : `${n} places left.`),
    full: 'The event is full. Sign up anyway to join the waiting list: you get an e-mail if a place frees up.',
    closed: 'The event no longer takes sign-ups.',
  },
} as const;

export default function EventSignUpForm({
  language,
  cmsUrl,
  event,
}: {
  language: Locale;
  cmsUrl: string;
  /** The event's slug. */
  event: string;
}) {
  const t = TEXTS[language];
  const [places, countAgain] = usePlaces(cmsUrl, event, language);
  const status = placesText(places, t);
  if (places && !places.open) return <p className="event-places">{t.closed}</p>;
  return (
    <>
      {status && (
        <p className="event-places" role="status">
          {status}
        </p>
      )}
      <PortalForm
        formId="evenemang"
        language={language}
        cmsUrl={cmsUrl}
        conversion="event-sign-up"
        endpoint="/api/event-registrations"
        schema={eventRegistrationSchema}
        messages={EVENT_REGISTRATION_MESSAGES}
        encoding={EVENT_REGISTRATION_FORM_ENCODING}
        extra={{ event }}
        successTitle={t.success}
        onSent={countAgain}
      >
        <TextField name="name" label={t.name} required autoComplete="name" />
        <TextField name="email" label={t.email} type="email" required autoComplete="email" />
        <TextField name="phone" label={t.phone} type="tel" autoComplete="tel" />
        <TextField
          name="participants"
          label={t.participants}
          type="number"
          min={1}
          max={EVENT_MAX_PARTICIPANTS}
          defaultValue="1"
          required
        />
        <TextArea name="message" label={t.message} rows={3} />
        <Checkbox name="consent" label={t.consent} required />
      </PortalForm>
    </>
  );
}
