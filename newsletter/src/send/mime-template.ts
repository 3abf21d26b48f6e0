import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { SenderIdentity } from '../sender-config';
import { buildDeliveryMessage } from './message';

/**
 * A campaign's MIME message built once, by nodemailer, with markers where each recipient's values
 * go: To, Message-ID, Date, List-Unsubscribe and the two base64 bodies. Per recipient the message
 * is then a concatenation (`renderMime`) instead of nodemailer building a MIME tree, which was
 * most of the sending cost. Headers, their encoding (the subject's åäö), the boundary and the part
 * structure are nodemailer's own; a test holds the result equal to nodemailer's per-recipient build.
 */
export const MIME_SLOTS = ['to', 'messageId', 'date', 'listUnsubscribe', 'html', 'text'] as const;
export type MimeSlot = (typeof MIME_SLOTS)[number];

export interface MimeTemplate {
  /** The message cut at its slots: parts.length === slots.length + 1. */
  parts: string[];
  slots: MimeSlot[];
}

export interface MimeValues {
  to: string;
  messageId: string;
  date: Date;
  /** The prepared List-Unsubscribe value (`listUnsubscribeHeader`). */
  listUnsubscribe: string;
  html: string;
  text: string;
}

const base64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');

/** Only plain ASCII addresses go into the template as they are; others need nodemailer's encoding. */
export function fitsMimeTemplate(to: string): boolean {
  return /^[\x21-\x7e]+@[\x21-\x7e]+$/.test(to) && !/[<>(),;:"\\[\]]/.test(to);
}

export async function compileMimeTemplate(
  sender: Pick<SenderIdentity, 'from' | 'replyTo'>,
  subject: string,
): Promise<MimeTemplate> {
  const token = randomBytes(9).toString('hex');
  // Non-ASCII body markers, so nodemailer chooses base64 for the parts as it does for real content.
  const markers = {
    to: `${token}-to@marker.invalid`,
    messageId: `<${token}-id@marker.invalid>`,
    listUnsubscribe: `${token}-list-unsubscribe`,
    html: base64(`${token}-html-å`),
    text: base64(`${token}-text-å`),
  };
  const options = buildDeliveryMessage({
    sender,
    to: markers.to,
    subject,
    html: `${token}-html-å`,
    text: `${token}-text-å`,
    messageId: markers.messageId,
    unsubscribeUrl: 'https://marker.invalid/',
    unsubscribeMailto: 'mailto:marker@marker.invalid',
  });
  options.headers = {
    ...(options.headers as Record<string, unknown>),
    'List-Unsubscribe': { prepared: true, value: markers.listUnsubscribe },
  } as typeof options.headers;
  const built = (await new MailComposer(options).compile().build()).toString('utf8');

  // The Date header nodemailer wrote is the one line of the top-level header block that starts so.
  const headerEnd = built.indexOf('\r\n\r\n');
  const dateLine = /^Date: [^\r\n]+$/m.exec(built.slice(0, headerEnd));
  if (!dateLine) throw new Error('MIME template: nodemailer wrote no Date header');
  const dateMarker = `${token}-date`;
  const message =
    built.slice(0, dateLine.index) + `Date: ${dateMarker}` + built.slice(dateLine.index + dateLine[0].length);

  // Everything nodemailer wrote is 7-bit (encoded headers, base64 bodies): the message is bytes as they are.
  if ([...message].some((ch) => ch.charCodeAt(0) > 0x7f))
    throw new Error('MIME template: nodemailer wrote 8-bit text');
  const bySlot: Record<MimeSlot, string> = { ...markers, date: dateMarker };
  const byMarker = new Map(MIME_SLOTS.map((slot) => [bySlot[slot], slot]));
  for (const [marker, slot] of byMarker) {
    if (message.split(marker).length !== 2) {
      throw new Error(`MIME template: the ${slot} slot is not in the message exactly once`);
    }
  }
  const pieces = message.split(new RegExp(`(${[...byMarker.keys()].map(escapeRegExp).join('|')})`));
  return {
    parts: pieces.filter((_, i) => i % 2 === 0),
    slots: pieces.filter((_, i) => i % 2 === 1).map((marker) => byMarker.get(marker) as MimeSlot),
  };
}

/** One recipient's message, ready for nodemailer's `raw`. */
export function renderMime(template: MimeTemplate, values: MimeValues): Buffer {
  if (!fitsMimeTemplate(values.to)) throw new Error(`Address needs encoding: ${values.to}`);
  // Header values go in as they are: one line of printable ASCII each, nothing to inject.
  for (const header of [values.messageId, values.listUnsubscribe]) {
    if (!/^[\x20-\x7e]+$/.test(header)) throw new Error(`Header value needs encoding: ${header}`);
  }
  const filled: Record<MimeSlot, string> = {
    to: values.to,
    messageId: values.messageId,
    // RFC 5322 date-time, as nodemailer writes it ("Tue, 01 Dec 2026 20:00:52 +0000").
    date: values.date.toUTCString().replace(/GMT$/, '+0000'),
    listUnsubscribe: values.listUnsubscribe,
    html: wrapBase64(base64(values.html)),
    text: wrapBase64(base64(values.text)),
  };
  let out = template.parts[0];
  for (let i = 0; i < template.slots.length; i++) out += filled[template.slots[i]] + template.parts[i + 1];
  return Buffer.from(out, 'latin1');
}

/** Base64 in lines of 76 characters (RFC 2045), as nodemailer writes it. */
function wrapBase64(encoded: string): string {
  if (encoded.length <= 76) return encoded;
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join('\r\n');
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
