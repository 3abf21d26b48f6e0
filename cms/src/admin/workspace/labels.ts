import { REGION, municipalityName, type QueueOwner } from '@tasteget/shared/browser';

/** Names in the admin (Swedish UI) for queue owners: the eight municipalities and the region. */
export const queueName = (owner: string) =>
  owner === REGION ? 'Regionen' : municipalityName(owner as Exclude<QueueOwner, typeof REGION>);
