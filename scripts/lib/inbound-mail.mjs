import MailComposer from 'nodemailer/lib/mail-composer';

/**
 * Inbound messages as mail systems write them: replies built by nodemailer's composer, and
 * delivery reports and complaints in the shapes Postfix, Exim, Microsoft 365 and Gmail send,
 * written from the RFCs' structure (RFC 3464 for DSNs, RFC 5965 for ARF). Shared by the inbound
 * mail tests, `bench:inbound` and `npm run mail:deliver`.
 */
/**
 * @param {import('nodemailer/lib/mailer').Options} options
 * @returns {Promise<Buffer>}
 */
export async function composed(options) {
  return new MailComposer({ date: new Date(), ...options }).compile().build();
}

/** @param {string} text */
const CRLF = (text) => text.replace(/\r?\n/g, '\r\n');

/** @typedef {{ from: string; to: string; subject: string; messageId: string; returnPath?: string }} Original */
/** @param {Original} o */
const originalHeaders = (o) =>
  [
    ...(o.returnPath ? [`Return-Path: <${o.returnPath}>`] : []),
    `From: ${o.from}`,
    `To: ${o.to}`,
    `Subject: ${o.subject}`,
    `Message-ID: ${o.messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
  ].join('\n');

/** Postfix: text, message/delivery-status, and the whole original as message/rfc822. */
/** @param {{ to: string; failed: string; status: string; diagnostic: string; original: Original }} input */
export function postfixBounce(input) {
  return CRLF(`From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
To: ${input.to}
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
Message-ID: <postfix-${Math.random().toString(36).slice(2)}@mx.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="PF-BOUNDARY"

--PF-BOUNDARY
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net.
I'm sorry to have to inform you that your message could not be delivered.

--PF-BOUNDARY
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: 4F1C2A0123
Arrival-Date: Thu,  3 Dec 2026 10:00:00 +0100 (CET)

Final-Recipient: rfc822; ${input.failed}
Original-Recipient: rfc822;${input.failed}
Action: failed
Status: ${input.status}
Diagnostic-Code: smtp; ${input.diagnostic}

--PF-BOUNDARY
Content-Type: message/rfc822

${originalHeaders(input.original)}

Hej!
--PF-BOUNDARY--
`);
}

/** Exim (older configurations): a plain-text bounce naming the address in X-Failed-Recipients. */
/** @param {{ to: string; failed: string }} input */
export function eximBounce(input) {
  return CRLF(`From: Mail Delivery System <Mailer-Daemon@exim.example.org>
To: ${input.to}
Subject: Mail delivery failed: returning message to sender
X-Failed-Recipients: ${input.failed}
Auto-Submitted: auto-replied
Message-ID: <exim-${Math.random().toString(36).slice(2)}@exim.example.org>

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ${input.failed}
    host mx.example.org [192.0.2.1]
    SMTP error from remote mail server after RCPT TO:<${input.failed}>:
    550 5.1.1 User unknown
`);
}

/** Microsoft 365: the original's headers only (text/rfc822-headers), an NDR status 5.1.10. */
/** @param {{ to: string; failed: string; original: Original }} input */
export function microsoftBounce(input) {
  return CRLF(`From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.onmicrosoft.com>
To: ${input.to}
Subject: Undeliverable: ${input.original.subject}
Auto-Submitted: auto-replied
Message-ID: <ndr-${Math.random().toString(36).slice(2)}@contoso.prod.outlook.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="MS-BOUNDARY"

--MS-BOUNDARY
Content-Type: text/plain; charset="us-ascii"

Your message to ${input.failed} couldn't be delivered.

--MS-BOUNDARY
Content-Type: message/delivery-status

Reporting-MTA: dns;AM0PR01MB1234.eurprd01.prod.exchangelabs.com
Received-From-MTA: dns;mail.example.se
Arrival-Date: Thu, 3 Dec 2026 09:00:00 +0000

Final-Recipient: rfc822;${input.failed}
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup

--MS-BOUNDARY
Content-Type: text/rfc822-headers

${originalHeaders(input.original)}

--MS-BOUNDARY--
`);
}

/** Gmail: a transient failure (mailbox full, 4.2.2) after its retries ran out. */
/** @param {{ to: string; failed: string; original: Original }} input */
export function gmailTransientBounce(input) {
  return CRLF(`From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: ${input.to}
Subject: Delivery Status Notification (Failure)
Auto-Submitted: auto-replied
Message-ID: <gmail-${Math.random().toString(36).slice(2)}@mx.google.com>
MIME-Version: 1.0
Content-Type: multipart/report; boundary="GM-BOUNDARY"; report-type=delivery-status

--GM-BOUNDARY
Content-Type: text/plain; charset="UTF-8"

The recipient's inbox is out of storage space.

--GM-BOUNDARY
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Arrival-Date: Thu, 03 Dec 2026 01:00:00 -0800 (PST)

Final-Recipient: rfc822; ${input.failed}
Action: failed
Status: 4.2.2
Remote-MTA: dns; gmail-smtp-in.l.google.com. (2a00:1450::1b)
Diagnostic-Code: smtp; 452-4.2.2 The recipient's inbox is out of storage space.
Last-Attempt-Date: Thu, 03 Dec 2026 02:00:00 -0800 (PST)

--GM-BOUNDARY
Content-Type: message/rfc822

${originalHeaders(input.original)}

Hej!
--GM-BOUNDARY--
`);
}

/** A feedback-loop complaint (ARF), as Yahoo and Outlook.com send them. */
/** @param {{ to: string; complainant: string; original: Original }} input */
export function arfComplaint(input) {
  return CRLF(`From: feedbackloop@fbl.example.com
To: ${input.to}
Subject: FW: ${input.original.subject}
Message-ID: <arf-${Math.random().toString(36).slice(2)}@fbl.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report;
\tboundary="ARF-BOUNDARY"

--ARF-BOUNDARY
Content-Type: text/plain; charset="US-ASCII"

This is an email abuse report for an email message received from IP 192.0.2.10.

--ARF-BOUNDARY
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: SomeGenerator/1.0
Version: 1
Original-Mail-From: <${input.original.returnPath ?? 'unknown@example.net'}>
Original-Rcpt-To: <${input.complainant}>
Arrival-Date: Thu, 3 Dec 2026 09:00:00 +0000

--ARF-BOUNDARY
Content-Type: message/rfc822

${originalHeaders(input.original)}

Nyhetsbrev
--ARF-BOUNDARY--
`);
}
