import {
  CONSENTS,
  SUBSCRIPTION_FORM_ENCODING,
  SUBSCRIPTION_MESSAGES,
  TOPICS,
  subscriptionSchema,
  type Locale,
} from '@tasteget/shared/browser';
import { Checkbox, ChoiceGroup, TextField } from './fields';
import { municipalityOptions, optionsOf } from './options';
import { PortalForm } from './PortalForm';

/** Newsletter subscription; the CMS then sends the double opt-in mail. */
const TEXTS = {
  sv: {
    email: 'E-post',
    interests: 'Vad vill du läsa om?',
    municipalities: 'Vilka kommuner vill du följa?',
    consent: CONSENTS.newsletter.text.sv,
    success: 'Kolla din e-post',
  },
  en: {
    email: 'E-mail',
    interests: 'What would you like to read about?',
    municipalities: 'Which municipalities would you like to follow?',
    consent: CONSENTS.newsletter.text.en,
    success: 'Check your e-mail',
  },
} as const;

export default function SubscribeForm({ language, cmsUrl }: { language: Locale; cmsUrl: string }) {
  const t = TEXTS[language];
  return (
    <PortalForm
      formId="nyhetsbrev"
      language={language}
      cmsUrl={cmsUrl}
      endpoint="/api/newsletter/subscriptions"
      schema={subscriptionSchema}
      messages={SUBSCRIPTION_MESSAGES}
      encoding={SUBSCRIPTION_FORM_ENCODING}
      successTitle={t.success}
    >
      <TextField name="email" label={t.email} type="email" required autoComplete="email" />
      <ChoiceGroup
        name="interests"
        legend={t.interests}
        options={optionsOf(TOPICS.labels, language)}
        multiple
      />
      <ChoiceGroup name="municipalities" legend={t.municipalities} options={municipalityOptions} multiple />
      <Checkbox name="consent" label={t.consent} required />
    </PortalForm>
  );
}
