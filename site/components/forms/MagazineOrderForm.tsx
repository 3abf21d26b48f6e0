import {
  MAGAZINE_ORDER_FORM_ENCODING,
  MAGAZINE_ORDER_MAX_QUANTITY,
  MAGAZINE_ORDER_MESSAGES,
  magazineOrderSchema,
  type Locale,
} from '@tasteget/shared/browser';
import { SelectField, TextField } from './fields';
import type { EditionOption } from './options';
import { PortalForm } from './PortalForm';
import { PostalAddressFields } from './PostalAddressFields';

/** Ordering the printed magazine, to a Swedish or a foreign address. */
const TEXTS = {
  sv: {
    name: 'Namn',
    email: 'E-post',
    edition: 'Utgåva',
    quantity: 'Antal exemplar',
    success: 'Tack för din beställning!',
  },
  en: {
    name: 'Name',
    email: 'E-mail',
    edition: 'Edition',
    quantity: 'Copies',
    success: 'Thank you for your order!',
  },
} as const;

export default function MagazineOrderForm({
  language,
  cmsUrl,
  editions,
}: {
  language: Locale;
  cmsUrl: string;
  editions: EditionOption[];
}) {
  const t = TEXTS[language];
  return (
    <PortalForm
      formId="bestall"
      language={language}
      cmsUrl={cmsUrl}
      conversion="magazine-order"
      endpoint="/api/magazine-orders"
      schema={magazineOrderSchema}
      messages={MAGAZINE_ORDER_MESSAGES}
      encoding={MAGAZINE_ORDER_FORM_ENCODING}
      successTitle={t.success}
    >
      <SelectField
        name="edition"
        label={t.edition}
        options={editions.map((e) => ({ value: e.slug, label: e.title }))}
        required
      />
      <TextField
        name="quantity"
        label={t.quantity}
        type="number"
        min={1}
        max={MAGAZINE_ORDER_MAX_QUANTITY}
        defaultValue={1}
        required
      />
      <TextField name="name" label={t.name} required autoComplete="name" />
      <TextField name="email" label={t.email} type="email" required autoComplete="email" />
      <PostalAddressFields prefix="postalAddress" language={language} required />
    </PortalForm>
  );
}
