#!/usr/bin/env node
/**
 * `npm run mail:deliver -- --to <address> [--from <address>] [--subject <text>] [--text <text>]
 * [--in-reply-to <Message-ID>]`: delivers one message into the local mailbox of `npm start` over
 * LMTP, the way the region's mail system delivers the inbound domain. Use it to answer a mail
 * from the mail catcher: its Reply-To (svar+…@inbound.tasteget.local) as --to.
 */
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';

const USAGE = `npm run mail:deliver -- --to <address> [--from <address>] [--subject <text>] [--text <text>] [--in-reply-to <Message-ID>]

Delivers one message into the local mailbox of npm start (LMTP 127.0.0.1:2424), as the region's
mail system delivers the inbound domain. To answer a mail in the mail catcher, give its Reply-To
(svar+…@inbound.tasteget.local) as --to, and the household's address as --from.
  --to           the recipient (required)
  --from         the sender (default anna.andersson@example.se)
  --subject      the subject (default "Re: Tack för din anmälan")
  --text         the body
  --in-reply-to  a Message-ID the mail answers`;

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
if (!values.to) {
  console.error(`Ange mottagare / give a recipient.\n\n${USAGE}`);
  process.exit(1);
}
const transport = nodemailer.createTransport({
  host: '127.0.0.1',
  port: Number(process.env.INBOUND_LOCAL_LMTP_PORT ?? 2424),
  lmtp: true,
  secure: false,
  ignoreTLS: true,
});
await transport.sendMail({
  from: values.from,
  to: values.to,
  subject: values.subject,
  text: values.text,
  ...(values['in-reply-to'] ? { inReplyTo: values['in-reply-to'], references: values['in-reply-to'] } : {}),
});
transport.close();
console.log(`Levererat till / delivered to ${values.to}; the CMS reads it within INBOUND_POLL_MS (5 s).`);
