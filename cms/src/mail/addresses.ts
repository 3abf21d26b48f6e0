import { createHmac, timingSafeEqual } from 'node:crypto';
import { environment } from '../platform/environment';

/**
 * The addresses that let mail find its way back: a reply to `svar+<token>@INBOUND_DOMAIN` belongs
 * to one contact's conversation, a bounce to `bounce+<token>@INBOUND_DOMAIN` to one sent message.
 * Our Message-IDs carry the contact's token too, so a reply that lost its To (a forward, a reply
 * from another address) still threads through In-Reply-To and References.
 *
 * Tokens are lower case only: local parts pass through mail systems that fold their case. The
 * signature is an HMAC (PORTAL_TOKEN_SECRET, one key per purpose) cut to 20 characters of
 * base32: unforgeable, and short enough for a local part's 64.
 */
export type AddressPurpose = 'reply' | 'bounce' | 'log';

const LOCAL_PART: Record<AddressPurpose, string> = { reply: 'svar', bounce: 'bounce', log: 'logg' };
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function signature(purpose: AddressPurpose, id: string): string {
  const digest = createHmac('sha256', `${environment().PORTAL_TOKEN_SECRET}:inbound-${purpose}`)
    .update(id)
    .digest();
  let out = '';
  for (let i = 0; i < 20; i += 1) out += BASE32[digest[i] & 31];
  return out;
}

/** `<id>.<signature>`: the id is a contact's documentId, or a sent message's reference. */
export function addressToken(purpose: AddressPurpose, id: string): string {
  return `${id}.${signature(purpose, id)}`;
}

/** The id a token was made for, or null when it is not one of ours. */
export function addressTokenId(purpose: AddressPurpose, token: string): string | null {
  const match = /^([a-z0-9-]{1,40})\.([a-z2-7]{20})$/.exec(token.toLowerCase());
  if (!match) return null;
  const [, id, given] = match;
  const expected = signature(purpose, id);
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given)) ? id : null;
}

export const inboundDomain = () => environment().INBOUND_DOMAIN.toLowerCase();

/** `svar+<token>@domain`: where a contact's reply goes (Reply-To). */
export function replyAddress(contactDocumentId: string): string {
  return `${LOCAL_PART.reply}+${addressToken('reply', contactDocumentId)}@${inboundDomain()}`;
}

/**
 * `logg+<token>@domain`: the card's Bcc address, for a guide's mail from Outlook. It is shown to
 * staff only and never sent to the household, so a mail to it from a programme address is the
 * programme's answer; one to the reply address, which every household holds, never is (its From
 * is the sender's to write).
 */
export function logAddress(contactDocumentId: string): string {
  return `${LOCAL_PART.log}+${addressToken('log', contactDocumentId)}@${inboundDomain()}`;
}

/**
 * `svar+<token>@domain` for someone who is not a contact (yet): a subscriber, known by one of
 * their subscriptions. Its id carries `s-`, which no documentId has.
 */
export function subscriberReplyAddress(subscriptionDocumentId: string): string {
  return replyAddress(`${SUBSCRIBER_PREFIX}${subscriptionDocumentId}`);
}
const SUBSCRIBER_PREFIX = 's-';

/** What one sent message is, for its bounces: a newsletter delivery or an outbox row. */
export type SentRef = { kind: 'delivery' | 'outbox'; id: number };
const REF_PREFIX = { delivery: 'd', outbox: 'o' } as const;

/** `bounce+<token>@domain`: the envelope sender (VERP Return-Path) of one sent message. */
export function bounceAddress(ref: SentRef): string {
  return `${LOCAL_PART.bounce}+${addressToken('bounce', `${REF_PREFIX[ref.kind]}${ref.id}`)}@${inboundDomain()}`;
}

/** What an address of ours stands for; null for any other address. */
export type OurAddress =
  | { purpose: 'reply'; contactDocumentId: string }
  | { purpose: 'log'; contactDocumentId: string }
  | { purpose: 'subscriber-reply'; subscriptionDocumentId: string }
  | { purpose: 'bounce'; ref: SentRef };

export function readAddress(address: string): OurAddress | null {
  const match = /^([a-z]+)\+([^@]+)@(.+)$/.exec(address.trim().toLowerCase());
  if (!match || match[3] !== inboundDomain()) return null;
  const [, box, token] = match;
  if (box === LOCAL_PART.reply) {
    const id = addressTokenId('reply', token);
    if (id?.startsWith(SUBSCRIBER_PREFIX)) {
      return { purpose: 'subscriber-reply', subscriptionDocumentId: id.slice(SUBSCRIBER_PREFIX.length) };
    }
    return id ? { purpose: 'reply', contactDocumentId: id } : null;
  }
  if (box === LOCAL_PART.log) {
    const id = addressTokenId('log', token);
    return id ? { purpose: 'log', contactDocumentId: id } : null;
  }
  if (box === LOCAL_PART.bounce) {
    const id = addressTokenId('bounce', token);
    const ref = id ? /^([do])(\d{1,15})$/.exec(id) : null;
    if (!ref) return null;
    return { purpose: 'bounce', ref: { kind: ref[1] === 'd' ? 'delivery' : 'outbox', id: Number(ref[2]) } };
  }
  return null;
}

/**
 * A Message-ID for mail in a contact's conversation: `<c.<token>.<random>@domain>`. A reply
 * quotes it in In-Reply-To and References, which is how it is matched when its To was lost.
 */
export function conversationMessageId(contactDocumentId: string, unique: string): string {
  return `<c.${addressToken('reply', contactDocumentId)}.${unique}@${inboundDomain()}>`;
}

/** The contact of the first of our conversation Message-IDs among `ids`, newest reference first. */
export function contactOfMessageIds(ids: readonly string[]): string | null {
  for (const raw of [...ids].reverse()) {
    const match = /^<?c\.([a-z0-9-]+\.[a-z2-7]{20})\.[^@>]*@([^>]+)>?$/i.exec(raw.trim());
    if (!match || match[2].toLowerCase() !== inboundDomain()) continue;
    const id = addressTokenId('reply', match[1]);
    if (id) return id;
  }
  return null;
}
