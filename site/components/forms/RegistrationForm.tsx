import { useEffect, useState } from 'react';
import {
  CONSENTS,
  COUNTY_TIES,
  MAGAZINE_ORDER_MAX_QUANTITY,
  MOVE_TIMES,
  MUNICIPALITY_SLUGS,
  PREFERRED_CHANNELS,
  REGISTRATION_FORM_ENCODING,
  REGISTRATION_MESSAGES,
  TOPICS,
  registrationSchema,
  type Locale,
  type MunicipalitySlug,
} from '@tasteget/shared/browser';
import { Checkbox, ChoiceGroup, SelectField, TextArea, TextField } from './fields';
import { municipalityOptions, optionsOf, type EditionOption } from './options';
import { PortalForm } from './PortalForm';
import { PostalAddressFields } from './PostalAddressFields';

/**
 * Registration for relocation guidance: the portal's form, and the embedded form on municipal
 * websites (`embedded`: the municipality comes from the page address, `?kommun=<slug>`).
 */
const TEXTS = {
  sv: {
    you: 'Om dig',
    firstName: 'Förnamn',
    lastName: 'Efternamn',
    email: 'E-post',
    phone: 'Telefon',
    phoneHint: 'Behövs om du vill bli uppringd.',
    channel: 'Hur vill du helst bli kontaktad?',
    household: 'Ditt hushåll',
    householdSize: 'Antal personer i hushållet',
    children: 'Varav barn',
    countyTie: 'Koppling till länet',
    plans: 'Dina flyttplaner',
    municipalities: 'Vilka kommuner är du intresserad av?',
    municipalitiesHint: 'Välj ingen om du inte vet än – då hjälper regionens flyttvägledare dig.',
    topics: 'Vad vill du ha hjälp med?',
    occupation: 'Yrke eller bransch',
    currentLocation: 'Var bor du i dag?',
    plannedMoveTime: 'När planerar du att flytta?',
    choose: 'Välj…',
    message: 'Meddelande till flyttvägledaren',
    askAmbassador: (name: string) => `Jag vill gärna prata med ambassadören ${name}.`,
    consents: 'Samtycke',
    newsletter: CONSENTS.newsletter.text.sv,
    contact: CONSENTS.contact.text.sv,
    magazine: 'Vill du också få magasinet Ta Steget hem i brevlådan?',
    orderMagazine: 'Ja, skicka magasinet till mig',
    neededToOrder: 'krävs för beställningen',
    edition: 'Utgåva',
    quantity: 'Antal exemplar',
    success: 'Tack för din registrering!',
  },
  en: {
    you: 'About you',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'E-mail',
    phone: 'Phone',
    phoneHint: 'Needed if you would like a call.',
    channel: 'How would you prefer to be contacted?',
    household: 'Your household',
    householdSize: 'People in the household',
    children: 'Of whom children',
    countyTie: 'Tie to the county',
    plans: 'Your plans',
    municipalities: 'Which municipalities are you interested in?',
    municipalitiesHint: "Choose none if you don't know yet – the region's relocation guide will help you.",
    topics: 'What would you like help with?',
    occupation: 'Occupation or field',
    currentLocation: 'Where do you live now?',
    plannedMoveTime: 'When do you plan to move?',
    choose: 'Choose…',
    message: 'Message to the relocation guide',
    askAmbassador: (name: string) => `I would like to talk to the ambassador ${name}.`,
    consents: 'Consent',
    newsletter: CONSENTS.newsletter.text.en,
    contact: CONSENTS.contact.text.en,
    magazine: 'Would you also like the Ta Steget magazine in your letterbox?',
    orderMagazine: 'Yes, send me the magazine',
    neededToOrder: 'required to order',
    edition: 'Edition',
    quantity: 'Copies',
    success: 'Thank you for registering!',
  },
} as const;

export interface RegistrationFormProps {
  language: Locale;
  cmsUrl: string;
  editions: EditionOption[];
  embedded?: boolean;
}

function kommunFromAddress(): MunicipalitySlug | undefined {
  const slug = new URLSearchParams(window.location.search).get('kommun');
  return (MUNICIPALITY_SLUGS as readonly string[]).includes(slug ?? '')
    ? (slug as MunicipalitySlug)
    : undefined;
}

/** The place ambassador a visitor came to talk to (`?ambassador=`, from the ambassadors' page). */
function ambassadorFromAddress(): string | undefined {
  const name = new URLSearchParams(window.location.search).get('ambassador')?.trim();
  return name ? name.slice(0, 100) : undefined;
}

/** The embedding page's origin, which the CMS checks against the municipal sites it knows. */
function embeddingOrigin(): string | undefined {
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0];
  try {
    return document.referrer ? new URL(document.referrer).origin : undefined;
  } catch {
    return undefined;
  }
}

export default function RegistrationForm({ language, cmsUrl, editions, embedded }: RegistrationFormProps) {
  const t = TEXTS[language];
  const [municipalities, setMunicipalities] = useState<string[]>([]);
  const [embedding, setEmbedding] = useState<{ sourceMunicipality?: MunicipalitySlug; embedOrigin?: string }>(
    {},
  );
  // The embedded page opened on its own (a link, "open frame in new tab") is the portal's page:
  // it registers as the portal does, with the municipality still preselected.
  const [framed, setFramed] = useState(embedded === true);
  // The message a link asks to start with; the field is filled once, before the visitor types.
  const [message, setMessage] = useState<string | undefined>();

  useEffect(() => {
    const kommun = kommunFromAddress();
    if (kommun) setMunicipalities((current) => (current.includes(kommun) ? current : [kommun, ...current]));
    const ambassador = ambassadorFromAddress();
    if (ambassador) setMessage(t.askAmbassador(ambassador));
    if (embedded && window.top === window) setFramed(false);
    else if (embedded) setEmbedding({ sourceMunicipality: kommun, embedOrigin: embeddingOrigin() });
  }, [embedded, t]);

  const extra = framed ? { source: 'municipal-site', ...embedding } : { source: 'portal' };
  // `municipalities` is in the order they were ticked (the preselected one first): the first is
  // responsible for the contact. Without JavaScript the browser sends them in display order.
  const toggle = (value: string, on: boolean) =>
    setMunicipalities((current) => (on ? [...current, value] : current.filter((v) => v !== value)));
  const inTickOrder = (input: Record<string, unknown>) => {
    const ticked = input.municipalities;
    if (!Array.isArray(ticked)) return input;
    // What is ticked comes from the fields; a box React has not seen ticked goes last.
    const rank = (value: unknown) => {
      const at = municipalities.indexOf(String(value));
      return at === -1 ? municipalities.length : at;
    };
    return { ...input, municipalities: [...ticked].sort((a, b) => rank(a) - rank(b)) };
  };

  return (
    <PortalForm
      formId="registrering"
      language={language}
      cmsUrl={cmsUrl}
      conversion="registration"
      endpoint="/api/registrations"
      schema={registrationSchema}
      messages={REGISTRATION_MESSAGES}
      encoding={REGISTRATION_FORM_ENCODING}
      extra={extra}
      arrange={inTickOrder}
      successTitle={t.success}
    >
      <fieldset>
        <legend>{t.you}</legend>
        <TextField name="firstName" label={t.firstName} required autoComplete="given-name" />
        <TextField name="lastName" label={t.lastName} autoComplete="family-name" />
        <TextField name="email" label={t.email} type="email" required autoComplete="email" />
        <TextField name="phone" label={t.phone} type="tel" autoComplete="tel" description={t.phoneHint} />
        {/* Nothing is preselected here: a field left empty is "not given", so a return visit never
            overwrites what the person told us before with a form's default. */}
        <ChoiceGroup
          name="preferredChannel"
          legend={t.channel}
          options={optionsOf(PREFERRED_CHANNELS.labels, language)}
        />
      </fieldset>
      <fieldset>
        <legend>{t.household}</legend>
        <TextField name="householdSize" label={t.householdSize} type="number" min={1} max={20} />
        <TextField name="children" label={t.children} type="number" min={0} max={20} />
        <SelectField
          name="countyTie"
          label={t.countyTie}
          options={optionsOf(COUNTY_TIES.labels, language)}
          placeholder={t.choose}
        />
      </fieldset>
      <fieldset>
        <legend>{t.plans}</legend>
        <ChoiceGroup
          name="municipalities"
          legend={t.municipalities}
          options={municipalityOptions}
          multiple
          checked={municipalities}
          onToggle={toggle}
          description={t.municipalitiesHint}
        />
        <ChoiceGroup name="topics" legend={t.topics} options={optionsOf(TOPICS.labels, language)} multiple />
        <TextField name="occupation" label={t.occupation} autoComplete="organization-title" />
        <TextField name="currentLocation" label={t.currentLocation} autoComplete="address-level2" />
        <SelectField
          name="plannedMoveTime"
          label={t.plannedMoveTime}
          options={optionsOf(MOVE_TIMES.labels, language)}
          placeholder={t.choose}
        />
        <TextArea key={message} name="message" label={t.message} defaultValue={message} />
      </fieldset>
      {editions.length > 0 && (
        <fieldset>
          <legend>{t.magazine}</legend>
          <Checkbox name="orderMagazine" label={t.orderMagazine} />
          <SelectField
            name="magazine.edition"
            label={t.edition}
            options={editions.map((e) => ({ value: e.slug, label: e.title }))}
          />
          <TextField
            name="magazine.quantity"
            label={t.quantity}
            type="number"
            min={1}
            max={MAGAZINE_ORDER_MAX_QUANTITY}
            defaultValue={1}
          />
          <PostalAddressFields
            prefix="magazine.postalAddress"
            language={language}
            requiredFor={t.neededToOrder}
          />
        </fieldset>
      )}
      <fieldset>
        <legend>{t.consents}</legend>
        <Checkbox name="consentToContact" label={t.contact} required />
        <Checkbox name="newsletterConsent" label={t.newsletter} />
      </fieldset>
    </PortalForm>
  );
}
