import { enumLabels } from '@tasteget/shared/browser';
import { contentTypeNames } from './content-type-names';
import { en } from './en';
import { fieldLabels } from './field-labels';
import { strapiSv } from './strapi-sv';
import { sv } from './sv';

/**
 * The translations app.tsx registers. Swedish: Strapi's own texts where its Swedish has gaps
 * (strapi-sv.ts; Strapi merges these over its own), the enumeration labels, the content types'
 * names, the field labels and the project's own texts, last so they win. English: Strapi's own is
 * built in.
 */
export const translations: { sv: Record<string, string>; en: Record<string, string> } = {
  sv: { ...strapiSv, ...enumLabels.sv, ...contentTypeNames.sv, ...fieldLabels.sv, ...sv },
  en: { ...enumLabels.en, ...contentTypeNames.en, ...fieldLabels.en, ...en },
};
