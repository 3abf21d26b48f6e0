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

export function PostalAddressFields({
  prefix,
  language,
  required,
}: {
  prefix: string;
  language: Locale;
  required?: boolean;
}) {
  const t = TEXTS[language];
  return (
    <>
      <TextField name={`${prefix}.careOf`} label={t.careOf} />
      <TextField
        name={`${prefix}.street`}
        label={t.street}
        required={required}
        autoComplete="street-address"
      />
      <TextField
        name={`${prefix}.postalCode`}
        label={t.postalCode}
        required={required}
        autoComplete="postal-code"
      />
      <TextField name={`${prefix}.city`} label={t.city} required={required} autoComplete="address-level2" />
      <TextField name={`${prefix}.country`} label={t.country} defaultValue="SE" autoComplete="country" />
    </>
  );
}
