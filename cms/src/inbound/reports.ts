import libmime from 'libmime';
import type { ParsedMail } from 'mailparser';

/**
 * The machine-readable reports mail systems send back: delivery status notifications (RFC 3464,
 * `multipart/report; report-type=delivery-status`) and feedback-loop complaints (ARF, RFC 5965,
 * `report-type=feedback-report`). Both carry header-like field blocks, parsed with libmime, and
 * usually the original message or its headers, which tell which of our mails it was about.
 */

export interface FailedRecipient {
  address: string;
  /** failed, delayed, delivered, relayed or expanded (RFC 3464 2.3.3). */
  action: string;
  /** The enhanced status code, e.g. 5.1.1; '' when the report gave none. */
  status: string;
  /** A permanent failure (5.x.x): the address is suppressed at once. */
  permanent: boolean;
  diagnostic: string | null;
}

/** Headers of the message a report is about, as far as the report included them. */
export interface OriginalHeaders {
  messageId: string | null;
  /** Our envelope sender, when the report repeats it (Original-Mail-From, Return-Path). */
  returnPath: string | null;
  to: string | null;
  listUnsubscribe: string | null;
}

export interface DeliveryReport {
  recipients: FailedRecipient[];
  original: OriginalHeaders;
}

export interface FeedbackReport {
  feedbackType: string;
  /** Original-Rcpt-To, or the original's To when a provider redacted the field. */
  recipients: string[];
  original: OriginalHeaders;
}

type Fields = Record<string, string[]>;

const text = (content: Buffer | string) => (Buffer.isBuffer(content) ? content.toString('utf8') : content);
const first = (fields: Fields, name: string) => fields[name]?.[0]?.replace(/\s+/g, ' ').trim() ?? null;

/** `rfc822; anna@example.se` → `anna@example.se`. */
const typedAddress = (value: string | null) => {
  if (!value) return null;
  const address = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  return address.trim().replace(/^<|>$/g, '').toLowerCase() || null;
};

/** Field blocks separated by blank lines (a DSN's per-message block, then one per recipient). */
function fieldBlocks(body: string): Fields[] {
  return body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => libmime.decodeHeaders(block, { skipPrototypeKeys: true }) as Fields);
}

function reportType(mail: ParsedMail): string | null {
  const header = mail.headers.get('content-type') as
    { value?: string; params?: Record<string, string> } | undefined;
  if (header?.value?.toLowerCase() !== 'multipart/report') return null;
  return header.params?.['report-type']?.toLowerCase() ?? null;
}

const part = (mail: ParsedMail, ...types: string[]) =>
  mail.attachments.find((a) => types.includes(a.contentType.toLowerCase()));

function originalHeaders(mail: ParsedMail, extra: { returnPath?: string | null } = {}): OriginalHeaders {
  const original = part(mail, 'message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers');
  const fields = original
    ? (libmime.decodeHeaders(text(original.content), { skipPrototypeKeys: true }) as Fields)
    : {};
  return {
    messageId: first(fields, 'message-id'),
    returnPath: typedAddress(extra.returnPath ?? first(fields, 'return-path')),
    to: typedAddress(first(fields, 'to')?.match(/<([^>]+)>/)?.[1] ?? first(fields, 'to')),
    listUnsubscribe: first(fields, 'list-unsubscribe'),
  };
}

/** A delivery status notification, or null when the mail is not one. */
export function deliveryReport(mail: ParsedMail): DeliveryReport | null {
  if (reportType(mail) === 'delivery-status') {
    const status = part(mail, 'message/delivery-status', 'message/global-delivery-status');
    if (!status) return null;
    const [, ...perRecipient] = fieldBlocks(text(status.content));
    const recipients = perRecipient
      .map((fields): FailedRecipient | null => {
        const address = typedAddress(first(fields, 'final-recipient') ?? first(fields, 'original-recipient'));
        if (!address) return null;
        const code = /\b([245])\.\d{1,3}\.\d{1,3}\b/.exec(first(fields, 'status') ?? '')?.[0] ?? '';
        const action = (first(fields, 'action') ?? '').toLowerCase();
        return {
          address,
          action,
          status: code,
          permanent: action === 'failed' && code.startsWith('5'),
          diagnostic: first(fields, 'diagnostic-code'),
        };
      })
      .filter((r): r is FailedRecipient => r !== null);
    return { recipients, original: originalHeaders(mail) };
  }
  // Older Exim and some relays send a plain-text bounce, naming the addresses in a header.
  const failed = mail.headers.get('x-failed-recipients');
  if (typeof failed === 'string' && failed.trim()) {
    return {
      recipients: failed.split(',').map((address) => ({
        address: address.trim().toLowerCase(),
        action: 'failed',
        status: '',
        permanent: true,
        diagnostic: null,
      })),
      original: originalHeaders(mail),
    };
  }
  return null;
}

/** A feedback-loop report (a recipient marked our mail as spam), or null. */
export function feedbackReport(mail: ParsedMail): FeedbackReport | null {
  if (reportType(mail) !== 'feedback-report') return null;
  const report = part(mail, 'message/feedback-report');
  if (!report) return null;
  const [fields = {}] = fieldBlocks(text(report.content));
  const original = originalHeaders(mail, { returnPath: first(fields, 'original-mail-from') });
  const stated = (fields['original-rcpt-to'] ?? []).map((v) => typedAddress(v)).filter(Boolean) as string[];
  return {
    feedbackType: (first(fields, 'feedback-type') ?? 'abuse').toLowerCase(),
    recipients: stated.length > 0 ? stated : original.to ? [original.to] : [],
    original,
  };
}
