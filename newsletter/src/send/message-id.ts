import { createHash } from 'node:crypto';

/**
 * The Message-ID of a delivery, derived from its unique delivery key: the same before the first
 * attempt and on every resend, so a mail resent after a crash is recognisably the same message.
 */
export function deliveryMessageId(deliveryKey: string, domain: string): string {
  const hash = createHash('sha256').update(deliveryKey).digest('hex').slice(0, 32);
  return `<${hash}@${domain.toLowerCase()}>`;
}

/** The key of one campaign to one recipient (unique on newsletter-delivery). */
export function deliveryKey(campaignDocumentId: string, email: string): string {
  return `${campaignDocumentId}:${email.trim().toLowerCase()}`;
}
