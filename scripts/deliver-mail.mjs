#!/usr/bin/env node
/**
 * `npm run mail:deliver`: delivers one message into the local mailbox of `npm start` over LMTP,
 * the way the region's mail system delivers the inbound domain: a reply (the default), a bounce
 * (RFC 3464), a spam complaint (ARF, RFC 5965) or a raw message from a file. Use it to answer a
 * mail from the mail catcher, or to see a bounce or complaint land on the suppression list.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { arfComplaint, composed, postfixBounce } from './lib/inbound-mail.mjs';

const DOMAIN = process.env.INBOUND_DOMAIN ?? 'inbound.tasteget.local';

const USAGE = `npm run mail:deliver -- --to <address> [options]

Delivers one message into the local mailbox of npm start (LMTP 127.0.0.1:2424), as the region's
mail system delivers the inbound domain.

A reply (the default): give the mail's Reply-To (svar+…@${DOMAIN}) as --to, and the household's
address as --from.
  --to           the recipient (required, except for --complaint)
  --from         the sender (default anna.andersson@example.se)
  --subject      the subject (default "Re: Tack för din anmälan")
  --text         the body
  --in-reply-to  a Message-ID the mail answers

A bounce: --bounce <address> reports that the mail to <address> could not be delivered, for good
(5.1.1, user unknown). Give the mail's Return-Path (bounce+…@${DOMAIN}) as --to and its
Message-ID as --in-reply-to.

A spam complaint: --complaint <address> reports that <address> marked the mail as spam, as a
mailbox provider's feedback loop does. Goes to fbl@${DOMAIN} unless --to says otherwise; give
the mail's Message-ID as --in-reply-to and its Return-Path as --return-path.

A raw message: --file <path> delivers an RFC 5322 message (.eml) as it is, to --to.`;

let parsed;
try {
  parsed = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h' },
      to: { type: 'string' },
      from: { type: 'string', default: 'anna.andersson@example.se' },
      subject: { type: 'string', default: 'Re: Tack för din anmälan' },
      text: { type: 'string', default: 'Hej! Vi vill gärna prata om att flytta hit i vår.' },
      'in-reply-to': { type: 'string' },
      bounce: { type: 'string' },
      complaint: { type: 'string' },
      'return-path': { type: 'string' },
      file: { type: 'string' },
    },
  });
} catch (error) {
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
const { values } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const modes = ['bounce', 'complaint', 'file'].filter((mode) => values[mode] !== undefined);
if (modes.length > 1) {
  console.error(`Välj en av --${modes.join(', --')} / choose one of them.\n\n${USAGE}`);
  process.exit(2);
}
const to = values.to ?? (values.complaint ? `fbl@${DOMAIN}` : undefined);
if (!to) {
  console.error(`Ange mottagare / give a recipient (--to).\n\n${USAGE}`);
  process.exit(1);
}
const messageId = values['in-reply-to'] ?? `<okand-${Date.now()}@tasteget.local>`;
const original = (address) => ({
  from: 'Ta Steget <info@tasteget.local>',
  to: address,
  subject: 'Ta Steget',
  messageId,
  ...(values['return-path'] ? { returnPath: values['return-path'] } : {}),
});

let raw;
try {
  raw = values.file
    ? await readFile(values.file)
    : values.bounce
      ? postfixBounce({
          to,
          failed: values.bounce,
          status: '5.1.1',
          diagnostic: `550 5.1.1 <${values.bounce}>: Recipient address rejected: User unknown`,
          original: original(values.bounce),
        })
      : values.complaint
        ? arfComplaint({ to, complainant: values.complaint, original: original(values.complaint) })
        : await composed({
            from: values.from,
            to,
            subject: values.subject,
            text: values.text,
            ...(values['in-reply-to']
              ? { inReplyTo: values['in-reply-to'], references: values['in-reply-to'] }
              : {}),
          });
} catch (error) {
  console.error(`Kunde inte läsa filen / could not read the file: ${error.message}`);
  process.exit(1);
}

const transport = nodemailer.createTransport({
  host: '127.0.0.1',
  port: Number(process.env.INBOUND_LOCAL_LMTP_PORT ?? 2424),
  lmtp: true,
  secure: false,
  ignoreTLS: true,
});
try {
  // The envelope as a mail system's: a report comes from the null sender.
  const from = values.bounce || values.complaint ? '' : values.from;
  await transport.sendMail({ envelope: { from, to }, raw });
} catch (error) {
  console.error(
    `Kunde inte leverera / could not deliver: ${error.message}. Is npm start running, with Dovecot?`,
  );
  process.exit(1);
} finally {
  transport.close();
}
console.log(`Levererat till / delivered to ${to}; the CMS reads it within INBOUND_POLL_MS (5 s).`);
