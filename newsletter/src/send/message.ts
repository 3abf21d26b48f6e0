import type { SendMailOptions } from 'nodemailer';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import type { SenderIdentity } from '../sender-config';

export interface DeliveryMessageInput {
  sender: Pick<SenderIdentity, 'from' | 'replyTo'>;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Fixed before the first attempt (`deliveryMessageId`), reused on every resend. */
  messageId: string;
  /** The one-click unsubscribe endpoint (RFC 8058 POST) for this recipient. */
  unsubscribeUrl: string;
  /** A mailto: URI (`unsubscribeMailto`) for clients without one-click support. */
  unsubscribeMailto: string;
  /** The newsletter sent for, as its List-Id header names it (`listIdHeader`). */
  listId: string;
}

/** The list a campaign is sent for: its newsletter's slug, and its name in the campaign's language. */
export interface MailingList {
  slug: string;
  name: string;
}

/**
 * RFC 2919 List-Id: the newsletter's name, then its id, the slug under the sender's domain, so a
 * mail program can file and filter each newsletter apart and a receiver can tell them apart in its
 * complaints. The name is written as one encoded word when it is not plain ASCII ("Östersund").
 */
export function listIdHeader(list: MailingList, domain: string): string {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(list.slug)) throw new Error(`Not a list slug: ${list.slug}`);
  const plain = /^[\x20-\x7e]*$/.test(list.name) && !/["\\]/.test(list.name);
  const phrase = plain ? `"${list.name}"` : encodeWord(list.name, 'Q', 52);
  return `${phrase} <${list.slug}.${domain}>`;
}

/** mailto:unsubscribe@domain?subject=unsubscribe%20<token>: the token says who, never an id. */
export function unsubscribeMailto(mailbox: string, token: string): string {
  return `mailto:${mailbox}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`;
}

/**
 * List-Unsubscribe with both URIs in ONE header on ONE line. nodemailer's `list.unsubscribe`
 * writes an array as two headers and folds a long URL onto a continuation line, which some
 * receivers' one-click checks reject; a prepared header is written as it is.
 */
export function listUnsubscribeHeader(url: string, mailto: string): string {
  const clean = (uri: string) => {
    const unsafe = [...uri].some((ch) => {
      const code = ch.charCodeAt(0);
      return code <= 0x20 || code === 0x7f || ch === '<' || ch === '>' || /\s/.test(ch);
    });
    if (unsafe) throw new Error(`Unsafe character in List-Unsubscribe URI: ${uri}`);
    return `<${uri}>`;
  };
  const value = `${clean(url)}, ${clean(mailto)}`;
  // RFC 5322: a line is at most 998 characters, "List-Unsubscribe: " included.
  if (value.length > 998 - 18) throw new Error('List-Unsubscribe is too long for one line');
  return value;
}

/** A Message-ID as RFC 5322 has it: <left@right>, one token each side. */
export function assertMessageId(messageId: string) {
  if (!/^<[^<>\s@]+@[^<>\s@]+>$/.test(messageId)) throw new Error(`Invalid Message-ID: ${messageId}`);
}

/** One delivery as nodemailer options, with the RFC 8058 one-click unsubscribe headers. */
export function buildDeliveryMessage(input: DeliveryMessageInput): SendMailOptions {
  assertMessageId(input.messageId);
  if (!input.unsubscribeUrl.startsWith('https://') && !input.unsubscribeUrl.startsWith('http://')) {
    throw new Error('The List-Unsubscribe URL must be http(s)');
  }
  if (!input.unsubscribeMailto.startsWith('mailto:'))
    throw new Error('The unsubscribe mailto must be a mailto: URI');
  return {
    from: { name: input.sender.from.name, address: input.sender.from.address },
    replyTo: input.sender.replyTo,
    to: input.to,
    subject: input.subject,
    html: input.html,
    text: input.text,
    messageId: input.messageId,
    headers: {
      'List-Unsubscribe': {
        prepared: true,
        value: listUnsubscribeHeader(input.unsubscribeUrl, input.unsubscribeMailto),
      },
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': { prepared: true, value: input.listId },
      // Mail sent to many, by no one in person: vacation and other automatic replies hold back
      // (RFC 3834 `Auto-Submitted`, and the `Precedence` most responders still read).
      'Auto-Submitted': 'auto-generated',
      Precedence: 'bulk',
    },
    // Quoted-printable, as the campaign's MIME template writes its parts (`mime-template.ts`):
    // readable, and a quarter smaller than base64 for HTML that is mostly ASCII.
    textEncoding: 'quoted-printable',
  };
}
