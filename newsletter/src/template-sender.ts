import type { TemplateSender } from '../templates/types';
import type { SenderIdentity } from './sender-config';

/** The footer's sender from the configured identity. */
export function templateSender(identity: SenderIdentity): TemplateSender {
  return {
    name: identity.from.name || 'Ta Steget',
    postalAddress: identity.postalAddress,
    siteUrl: identity.siteUrl,
    logoUrl: identity.logoUrl,
  };
}
