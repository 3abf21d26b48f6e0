import { REGION, municipalityName, type QueueOwner } from '@tasteget/shared/browser';
import { useIntl } from 'react-intl';

/** Names of queue owners (the eight municipalities and the region) in the user's admin language. */
export function useQueueName() {
  const { formatMessage } = useIntl();
  const region = formatMessage({ id: 'tasteget.queue.region', defaultMessage: 'The region' });
  return (owner: string) =>
    owner === REGION ? region : municipalityName(owner as Exclude<QueueOwner, typeof REGION>);
}
