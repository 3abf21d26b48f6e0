import type { Core } from '@strapi/strapi';
import type { Locale } from '@tasteget/shared';
import { activityIdsOf, clippedSummary } from '../contacts/activities';
import { renderMail } from '../mail/layout';
import { enqueueMail, wakeMailQueue } from '../mail/outbox';
import { suppressedAmong } from '../mail/suppression';
import { ACTIVITY, CONTACT } from '../platform/content-types';
import { environment } from '../platform/environment';
import { applyGuideActivity } from './dialog';
import { staffLabel, type AdminUser } from './guides';

/**
 * A guide writes to a contact from the card: the mail goes through the outbox from the
 * programme's address with the guide's name (our relay can only send aligned mail for its own
 * domain), with the contact's reply address, threaded with the person's last mail and the card's mails before it. It is logged
 * on the card as an outgoing e-mail and counts as a response, like one logged by hand. To an
 * address on the suppression list nothing would go out, so nothing is logged or counted either:
 * the guide is told to reach the person another way.
 */
export type ComposeResult = { documentId: string } | 'no-contact' | 'consent-withdrawn' | 'suppressed';

const FOOTER: Record<Locale, string> = {
  sv: 'Ta Steget – flytta till Jämtland Härjedalen. Svara på det här mejlet så når svaret din flyttvägledare.',
  en: 'Ta Steget – move to Jämtland Härjedalen. Reply to this e-mail and your relocation guide gets your answer.',
};

/** "Anna Andersson – Ta Steget <info@…>": the guide's name on the programme's address. */
function guideSender(user: AdminUser): string {
  const from = environment().MAIL_FROM;
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const name = staffLabel(user)
    .replace(/["<>\\]/g, '')
    .slice(0, 120);
  return `"${name} – Ta Steget" <${address}>`;
}

/** RFC 5322 lets References be cut; the first and the latest keep a thread whole in every client. */
const MAX_REFERENCES = 10;

/**
 * What the guide's mail answers: the person's last mail, and the card's mails up to it as its
 * References (RFC 5322 3.6.4: the parent's chain, then the parent), so that mail programs that
 * thread by References alone keep the whole conversation together.
 */
async function threadOf(
  strapi: Core.Strapi,
  contactId: number,
): Promise<{ inReplyTo: string; references: string } | null> {
  const ids = await activityIdsOf(strapi, [contactId]);
  const parent = (await strapi.db.query(ACTIVITY).findOne({
    where: { id: { $in: ids }, direction: 'in', messageId: { $notNull: true } },
    select: ['id', 'messageId'],
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
  })) as { id: number; messageId: string } | null;
  if (!parent) return null;
  // In the order they were logged: a mail's own Date may be off by the sender's clock.
  const before = (await strapi.db.query(ACTIVITY).findMany({
    where: { id: { $in: ids.filter((id) => id < parent.id) }, messageId: { $notNull: true } },
    select: ['messageId'],
    orderBy: { id: 'asc' },
  })) as { messageId: string }[];
  const chain = [...new Set([...before.map((a) => a.messageId), parent.messageId])];
  const kept = chain.length <= MAX_REFERENCES ? chain : [chain[0], ...chain.slice(-(MAX_REFERENCES - 1))];
  return { inReplyTo: parent.messageId, references: kept.join(' ') };
}

export async function sendContactMail(
  strapi: Core.Strapi,
  input: { contactDocumentId: string; subject: string; text: string; user: AdminUser },
): Promise<ComposeResult> {
  let wake = false;
  const result = await strapi.db.transaction(async (): Promise<ComposeResult> => {
    const contact = (await strapi.db.query(CONTACT).findOne({
      where: { documentId: input.contactDocumentId },
      select: ['id', 'documentId', 'email', 'language', 'contactConsentWithdrawnAt'],
    })) as {
      id: number;
      documentId: string;
      email: string;
      language: Locale | null;
      contactConsentWithdrawnAt: string | null;
    } | null;
    if (!contact) return 'no-contact';
    if (contact.contactConsentWithdrawnAt) return 'consent-withdrawn';
    if ((await suppressedAmong(strapi, [contact.email])).size > 0) return 'suppressed';
    const language = contact.language ?? 'sv';
    const thread = await threadOf(strapi, contact.id);
    const { html, text } = renderMail({
      language,
      heading: input.subject,
      letter: true,
      paragraphs: input.text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      footer: FOOTER[language],
    });
    const messageId = await enqueueMail(
      strapi,
      {
        kind: 'guide-mail',
        to: [contact.email],
        subject: input.subject,
        html,
        text,
        conversation: contact.documentId,
        from: guideSender(input.user),
        ...(thread ? { inReplyTo: thread.inReplyTo, references: thread.references } : {}),
      },
      contact.id,
    );
    const now = new Date();
    const created = (await strapi.db.query(ACTIVITY).create({
      data: {
        contact: contact.id,
        kind: 'email',
        direction: 'out',
        summary: clippedSummary(`${input.subject}\n\n${input.text}`),
        occurredAt: now,
        performedBy: input.user.id,
        messageId,
        publishedAt: now,
      },
    })) as { documentId: string };
    await applyGuideActivity(strapi, { contactId: contact.id, kind: 'email', occurredAt: now });
    wake = true;
    return { documentId: created.documentId };
  });
  if (wake) wakeMailQueue();
  return result;
}
