import type { Locale } from '@tasteget/shared/browser';
import { TextField } from './fields';

/** A postal address, Swedish or foreign (country as a two-letter code, SE when left empty). */
const TEXTS = {
  sv: {
    careOf: 'c/o',
    street: 'Gatuadress',
    postalCode: 'Postnummer',
    city: 'Ort',
    country: 'Landskod (t.ex. SE, NO, DE)',
  },
  en: {
    careOf: 'c/o',
    street: 'Street address',
    postalCode: 'Postal code',
    city: 'City',
    country: 'Country code (e.g. SE, NO, DE)',
  },
} as const;

/**
 * `required`: the address is the form's purpose. `requiredFor`: it is needed only when the
 * visitor makes a choice (the magazine in the registration), said in the label instead of
 * "optional"; the browser does not require it, since the form is valid without that choice.
 */
export function PostalAddressFields({
  prefix,
  language,
  required,
  requiredFor,
}: {
  prefix: string;
  language: Locale;
  required?: boolean;
  requiredFor?: string;
}) {
  const t = TEXTS[language];
  const needed = { required, hint: requiredFor };
  return (
    <>
      <TextField name={`${prefix}.careOf`} label={t.careOf} />
      <TextField name={`${prefix}.street`} label={t.street} {...needed} autoComplete="street-address" />
      <TextField name={`${prefix}.postalCode`} label={t.postalCode} {...needed} autoComplete="postal-code" />
      <TextField name={`${prefix}.city`} label={t.city} {...needed} autoComplete="address-level2" />
      <TextField name={`${prefix}.country`} label={t.country} defaultValue="SE" autoComplete="country" />
    </>
  );
}
