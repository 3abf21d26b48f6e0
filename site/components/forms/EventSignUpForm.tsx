import {
  CONSENTS,
  EVENT_MAX_PARTICIPANTS,
  EVENT_REGISTRATION_FORM_ENCODING,
  EVENT_REGISTRATION_MESSAGES,
  eventRegistrationSchema,
  type Locale,
} from '@tasteget/shared/browser';
import { Checkbox, TextArea, TextField } from './fields';
import { PortalForm } from './PortalForm';

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
  },
  en: {
    name: 'Name',
    email: 'E-mail',
    phone: 'Phone',
    participants: 'How many of you are coming?',
    message: 'Anything we should know? (allergies, for example)',
    consent: CONSENTS.event.text.en,
    success: 'Thank you for signing up!',
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
  return (
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
  );
}
