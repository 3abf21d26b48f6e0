/** Visitor-facing labels: Swedish first, English second. */
export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

export type Label = { sv: string; en: string };

/** Builds a typed option list from `value → label` pairs, keeping the declared order. */
export function defineOptions<const T extends string>(labels: Record<T, Label>) {
  const values = Object.keys(labels) as T[];
  return { values: values as [T, ...T[]], labels };
}
