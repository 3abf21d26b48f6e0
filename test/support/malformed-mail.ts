import fc from 'fast-check';

/**
 * Generated mail that mail systems and spammers really send: 8-bit and broken header lines,
 * multiparts whose boundaries never close, reports with garbage fields, nested messages, bad
 * encodings. For the inbound worker's "never crashes, each message ends in one place".
 */
const byteString = fc
  .uint8Array({ minLength: 0, maxLength: 200 })
  .map((bytes) => Buffer.from(bytes).toString('latin1'));
const headerName = fc.constantFrom(
  'From',
  'To',
  'Subject',
  'Content-Type',
  'Message-ID',
  'In-Reply-To',
  'References',
  'Auto-Submitted',
  'X-Failed-Recipients',
  'Delivered-To',
  'Content-Transfer-Encoding',
);
const headerValue = fc.oneof(
  byteString,
  fc.constantFrom(
    'multipart/report; report-type=delivery-status; boundary="B"',
    'multipart/report; report-type=feedback-report; boundary=B',
    'multipart/mixed; boundary=',
    'message/rfc822',
    'text/plain; charset=x-unknown',
    'base64',
    'quoted-printable',
    '=?utf-8?B?!!!?=',
    'svar+zzzz.aaaaaaaaaaaaaaaaaaaa@inbound.tasteget.local',
    'bounce+o1.aaaaaaaaaaaaaaaaaaaa@inbound.tasteget.local',
    '<c.x.y@inbound.tasteget.local>',
  ),
);
const header = fc.oneof(
  fc.tuple(headerName, headerValue).map(([name, value]) => `${name}: ${value}`),
  byteString, // a line without a colon, or 8-bit garbage
  fc.string({ minLength: 900, maxLength: 3000 }).map((long) => `Subject: ${long}`),
);
const body = fc.oneof(
  byteString,
  fc.constantFrom(
    '--B\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: ;;;\r\nAction:\r\nStatus: 9.9.9\r\n',
    '--B\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type\r\nOriginal-Rcpt-To: <>\r\n--B\r\nContent-Type: message/rfc822\r\n\r\nnot a message',
    '--B\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@====\r\n',
    '--B\r\n--B\r\n--B--\r\n--B',
  ),
);

export const malformedMail = fc
  .tuple(fc.array(header, { maxLength: 12 }), fc.array(body, { maxLength: 4 }))
  .map(([headers, parts]) =>
    Buffer.from(`${headers.join('\r\n')}\r\n\r\n${parts.join('\r\n')}\r\n`, 'latin1'),
  );
