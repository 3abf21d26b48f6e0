import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import * as qp from 'nodemailer/lib/qp';
import type { CompiledCampaign } from '../render/compile';
import type { SlotValues } from '../render/personalise';
import type { SlotName, SplitTemplate } from '../render/placeholders';
import type { SenderIdentity } from '../sender-config';
import { buildDeliveryMessage, listIdHeader } from './message';

/**
 * A campaign's MIME message built once, by nodemailer, with markers where each recipient's values
 * go: To, Message-ID, Date, List-Unsubscribe and the personal slots of the two bodies. Per
 * recipient the message is then a concatenation (`renderMime`) instead of nodemailer building a
 * MIME tree, which was most of the sending cost. Headers, their encoding (the subject's åäö), the
 * boundary and the part structure are nodemailer's own; a test holds the result equal to
 * nodemailer's per-recipient build, decoded.
 *
 * The bodies are quoted-printable, encoded once per campaign piece by piece (`qpPiece`): each
 * piece ends in a soft line break, so the pieces and the recipient's encoded values between them
 * join into valid quoted-printable without the campaign's HTML being encoded again per mail.
 */
/** The per-recipient headers. */
export type HeaderSlot = 'to' | 'messageId' | 'date' | 'listUnsubscribe';
/** A header value, or a personal slot of the HTML or text body. */
export type MimeSlot = HeaderSlot | { part: 'html' | 'text'; slot: SlotName };

export interface MimeTemplate {
  /** The message cut at its slots, encoded: parts.length === slots.length + 1. */
  parts: string[];
  slots: MimeSlot[];
}

export interface MimeValues extends SlotValues {
  to: string;
  messageId: string;
  date: Date;
  /** The prepared List-Unsubscribe value (`listUnsubscribeHeader`). */
  listUnsubscribe: string;
}

/** Only plain ASCII addresses go into the template as they are; others need nodemailer's encoding. */
export function fitsMimeTemplate(to: string): boolean {
  return /^[\x21-\x7e]+@[\x21-\x7e]+$/.test(to) && !/[<>(),;:"\\[\]]/.test(to);
}

/**
 * Quoted-printable for one piece of a body, in lines of at most 76 characters (RFC 2045) that
 * start where the piece starts, with CRLF line breaks. Unless it is the body's last piece, it ends
 * in a line break (a soft one, "=" CRLF, when the text itself does not end in one), so whatever
 * follows starts a line of its own and joins the text without a break in between.
 */
export function qpPiece(text: string, last = false): string {
  if (text === '') return '';
  // 75, not 76: the last line gets the soft break's "=".
  const encoded = qp.wrap(qp.encode(text.replace(/\r\n|\r|\n/g, '\r\n')), 75);
  return last || encoded.endsWith('\r\n') ? encoded : `${encoded}=\r\n`;
}

export async function compileMimeTemplate(
  sender: Pick<SenderIdentity, 'from' | 'replyTo' | 'domain'>,
  compiled: Pick<CompiledCampaign, 'subject' | 'list' | 'html' | 'text'>,
): Promise<MimeTemplate> {
  const token = randomBytes(9).toString('hex');
  // Non-ASCII body markers, so nodemailer writes the parts quoted-printable as it does real content.
  const bodyMarker = (part: 'html' | 'text') => `${token}-${part}-å`;
  const markers: Record<HeaderSlot | 'html' | 'text', string> = {
    to: `${token}-to@marker.invalid`,
    messageId: `<${token}-id@marker.invalid>`,
    listUnsubscribe: `${token}-list-unsubscribe`,
    date: `${token}-date`,
    html: qp.encode(bodyMarker('html')),
    text: qp.encode(bodyMarker('text')),
  };
  const options = buildDeliveryMessage({
    sender,
    to: markers.to,
    subject: compiled.subject,
    html: bodyMarker('html'),
    text: bodyMarker('text'),
    messageId: markers.messageId,
    unsubscribeUrl: 'https://marker.invalid/',
    unsubscribeMailto: 'mailto:marker@marker.invalid',
    listId: listIdHeader(compiled.list, sender.domain),
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
  const message =
    built.slice(0, dateLine.index) +
    `Date: ${markers.date}` +
    built.slice(dateLine.index + dateLine[0].length);

  // Everything nodemailer wrote is 7-bit (encoded headers, quoted-printable bodies).
  if ([...message].some((ch) => ch.charCodeAt(0) > 0x7f))
    throw new Error('MIME template: nodemailer wrote 8-bit text');
  const byMarker = new Map(Object.entries(markers).map(([slot, marker]) => [marker, slot]));
  for (const [marker, slot] of byMarker) {
    if (message.split(marker).length !== 2) {
      throw new Error(`MIME template: the ${slot} slot is not in the message exactly once`);
    }
  }

  const parts: string[] = [];
  const slots: MimeSlot[] = [];
  const pieces = message.split(new RegExp(`(${[...byMarker.keys()].map(escapeRegExp).join('|')})`));
  parts.push(pieces[0]);
  for (let i = 1; i < pieces.length; i += 2) {
    const slot = byMarker.get(pieces[i]) as HeaderSlot | 'html' | 'text';
    if (slot === 'html' || slot === 'text') {
      appendBody(parts, slots, slot, compiled[slot]);
      parts[parts.length - 1] += pieces[i + 1];
    } else {
      slots.push(slot);
      parts.push(pieces[i + 1]);
    }
  }
  return { parts, slots };
}

/** A body's pieces, encoded, and its personal slots, appended after the current last part. */
function appendBody(parts: string[], slots: MimeSlot[], part: 'html' | 'text', body: SplitTemplate) {
  parts[parts.length - 1] += qpPiece(body.parts[0], body.slots.length === 0);
  body.slots.forEach((slot, i) => {
    slots.push({ part, slot });
    parts.push(qpPiece(body.parts[i + 1], i === body.slots.length - 1));
  });
}

/** One recipient's message, ready for nodemailer's `raw`. */
export function renderMime(template: MimeTemplate, values: MimeValues): Buffer {
  if (!fitsMimeTemplate(values.to)) throw new Error(`Address needs encoding: ${values.to}`);
  // Header values go in as they are: one line of printable ASCII each, nothing to inject.
  for (const header of [values.messageId, values.listUnsubscribe]) {
    if (!/^[\x20-\x7e]+$/.test(header)) throw new Error(`Header value needs encoding: ${header}`);
  }
  const headers: Record<HeaderSlot, string> = {
    to: values.to,
    messageId: values.messageId,
    // RFC 5322 date-time, as nodemailer writes it ("Tue, 01 Dec 2026 20:00:52 +0000").
    date: values.date.toUTCString().replace(/GMT$/, '+0000'),
    listUnsubscribe: values.listUnsubscribe,
  };
  // Each value is encoded once, however often its slot occurs.
  const encoded = { html: new Map<SlotName, string>(), text: new Map<SlotName, string>() };
  const body = (part: 'html' | 'text', slot: SlotName) => {
    let value = encoded[part].get(slot);
    if (value === undefined) {
      value = qpPiece(values[part][slot]);
      encoded[part].set(slot, value);
    }
    return value;
  };
  let out = template.parts[0];
  for (let i = 0; i < template.slots.length; i++) {
    const slot = template.slots[i];
    out += (typeof slot === 'string' ? headers[slot] : body(slot.part, slot.slot)) + template.parts[i + 1];
  }
  return Buffer.from(out, 'latin1');
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
