import {
  CONSENTS,
  COUNTY_NEWSLETTER,
  SUBSCRIPTION_FORM_ENCODING,
  SUBSCRIPTION_MESSAGES,
  TOPICS,
  subscriptionSchema,
  type ListedNewsletter,
  type Locale,
} from '@tasteget/shared/browser';
import { Checkbox, ChoiceGroup, TextField } from './fields';
import { municipalityOptions, optionsOf } from './options';
import { PortalForm } from './PortalForm';

/**
 * Newsletter subscription, to one or more of the newsletters offered (the county's is ticked; none
 * ticked means the county's too); the CMS then sends one double opt-in mail.
 */
const TEXTS = {
  sv: {
    email: 'E-post',
    newsletters: 'Vilka nyhetsbrev vill du få?',
    noneMeansCounty: `avmarkerar du alla får du ${COUNTY_NEWSLETTER.name}`,
    interests: 'Vad vill du läsa om?',
    municipalities: 'Vilka kommuner vill du följa?',
    consent: CONSENTS.newsletter.text.sv,
    success: 'Kolla din e-post',
  },
  en: {
    email: 'E-mail',
    newsletters: 'Which newsletters would you like?',
    noneMeansCounty: `untick all and you get ${COUNTY_NEWSLETTER.nameEn.replace(/^The /, 'the ')}`,
    interests: 'What would you like to read about?',
    municipalities: 'Which municipalities would you like to follow?',
    consent: CONSENTS.newsletter.text.en,
    success: 'Check your e-mail',
  },
} as const;

export default function SubscribeForm({
  language,
  cmsUrl,
  newsletters,
}: {
  language: Locale;
  cmsUrl: string;
  newsletters: readonly ListedNewsletter[];
}) {
  const t = TEXTS[language];
  const newsletterOptions = newsletters.map((n) => {
    const name = (language === 'en' && n.nameEn) || n.name;
    const description = (language === 'en' && n.descriptionEn) || n.description;
    return { value: n.slug, label: description ? `${name} – ${description}` : name };
  });
  return (
    <PortalForm
      formId="nyhetsbrev"
      language={language}
      cmsUrl={cmsUrl}
      conversion="subscription"
      endpoint="/api/newsletter/subscriptions"
      schema={subscriptionSchema}
      messages={SUBSCRIPTION_MESSAGES}
      encoding={SUBSCRIPTION_FORM_ENCODING}
      successTitle={t.success}
    >
      <TextField name="email" label={t.email} type="email" required autoComplete="email" />
      {newsletterOptions.length > 1 ? (
        <ChoiceGroup
          name="newsletters"
          legend={t.newsletters}
          options={newsletterOptions}
          multiple
          defaultValue={COUNTY_NEWSLETTER.slug}
          hint={t.noneMeansCounty}
        />
      ) : null}
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
