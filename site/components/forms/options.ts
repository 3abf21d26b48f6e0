import { MUNICIPALITIES, type Label, type Locale } from '@tasteget/shared/browser';
import type { Option } from './fields';

/** Option lists of the forms, in the visitor's language, from the shared vocabularies. */
export function optionsOf(labels: Record<string, Label>, language: Locale): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label: label[language] }));
}

export const municipalityOptions: Option[] = MUNICIPALITIES.map((m) => ({ value: m.slug, label: m.name }));

/** An orderable magazine edition, as the page read it from the CMS. */
export interface EditionOption {
  slug: string;
  title: string;
}
