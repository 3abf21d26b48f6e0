import { REGION, municipalityName, type Locale, type QueueOwner } from '@tasteget/shared/browser';
import { useIntl } from 'react-intl';

/** Names of queue owners (the eight municipalities and the region) in the user's admin language. */
export function useQueueName() {
  const { formatMessage } = useIntl();
  const region = formatMessage({ id: 'tasteget.queue.region', defaultMessage: 'The region' });
  return (owner: string) =>
    owner === REGION ? region : municipalityName(owner as Exclude<QueueOwner, typeof REGION>);
}

/** The user's admin language as our labels know it: Swedish, else English (Strapi's fallback). */
export const adminLocale = (locale: string): Locale => (locale.startsWith('sv') ? 'sv' : 'en');

/** The user's admin language, for a shared vocabulary's labels. */
export function useAdminLocale(): Locale {
  return adminLocale(useIntl().locale);
}
