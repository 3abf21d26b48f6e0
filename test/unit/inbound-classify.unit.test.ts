import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify, isAutomatic, parseInbound } from '../../cms/src/inbound/classify';
import { addressTokenId, bounceAddress, readAddress, replyAddress } from '../../cms/src/mail/addresses';
import { deliveryReport, feedbackReport } from '../../cms/src/inbound/reports';
import {
  arfComplaint,
  composed,
  eximBounce,
  gmailTransientBounce,
  microsoftBounce,
  postfixBounce,
} from '../../scripts/lib/inbound-mail.mjs';
import { malformedMail } from '../support/malformed-mail';

const original = {
  from: 'info@tasteget.local',
  to: 'anna@example.se',
  subject: 'Tack',
  messageId: '<m1@tasteget.local>',
};

describe('reply and bounce addresses', () => {
  it('read back what they were made for, case-insensitively, and refuse a forged signature', () => {
    const reply = replyAddress('abc123def456ghi789jkl012');
    expect(readAddress(reply.toUpperCase())).toEqual({
      purpose: 'reply',
      contactDocumentId: 'abc123def456ghi789jkl012',
    });
    expect(readAddress(bounceAddress({ kind: 'delivery', id: 42 }))).toEqual({
      purpose: 'bounce',
      ref: { kind: 'delivery', id: 42 },
    });
    const forged = reply.replace(/\.([a-z2-7])/, (_m, c: string) => `.${c === 'a' ? 'b' : 'a'}`);
    expect(readAddress(forged)).toBeNull();
    expect(addressTokenId('bounce', reply.split('+')[1].split('@')[0])).toBeNull();
    expect(readAddress('svar+x@example.org')).toBeNull();
  });
});

describe('delivery reports and complaints', () => {
  it.each([
    [
      'Postfix',
      postfixBounce({
        to: 'b@x',
        failed: 'anna@example.se',
        status: '5.1.1',
        diagnostic: '550 5.1.1 unknown',
        original,
      }),
      true,
      '5.1.1',
    ],
    ['Exim', eximBounce({ to: 'b@x', failed: 'anna@example.se' }), true, ''],
    ['Microsoft 365', microsoftBounce({ to: 'b@x', failed: 'anna@example.se', original }), true, '5.1.10'],
    [
      'Gmail (transient)',
      gmailTransientBounce({ to: 'b@x', failed: 'anna@example.se', original }),
      false,
      '4.2.2',
    ],
  ])(
    '%s: the failed address, whether it is permanent, and its status',
    async (_shape, raw, permanent, status) => {
      const report = deliveryReport(await parseInbound(raw));
      expect(report?.recipients).toMatchObject([
        { address: 'anna@example.se', action: 'failed', permanent, status },
      ]);
    },
  );

  it('an ARF report names the complainant and the original message', async () => {
    const report = feedbackReport(
      await parseInbound(
        arfComplaint({
          to: 'fbl@x',
          complainant: 'anna@example.se',
          original: { ...original, returnPath: 'bounce+d1.x@y' },
        }),
      ),
    );
    expect(report).toMatchObject({
      feedbackType: 'abuse',
      recipients: ['anna@example.se'],
      original: { messageId: '<m1@tasteget.local>', returnPath: 'bounce+d1.x@y' },
    });
  });
});

describe('automatic answers', () => {
  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, 'Tack'],
    [{ 'X-Autoreply': 'yes' }, 'Tack'],
    [{ Precedence: 'bulk' }, 'Tack'],
    [{}, 'Automatiskt svar: Tack'],
    [{}, 'Automatisk svar: Tack'],
    [{}, 'Fraværende: Tack'],
    [{}, 'Frånvarande: Tack'],
    [{}, 'Abwesenheitsnotiz: Tack'],
    [{}, 'Out of Office: Tack'],
    [{}, 'Fuera de la oficina: Tack'],
    [{}, 'Respuesta automática: Tack'],
    [{}, 'Réponse automatique : Tack'],
    [{}, 'Afwezig: Tack'],
    [{}, 'Automatische Antwort: Tack'],
    [{}, 'Nieobecność: Tack'],
    [{}, 'Fuori sede: Tack'],
  ])('%o with subject %s is automatic', async (headers, subject) => {
    expect(
      isAutomatic(
        await parseInbound(await composed({ from: 'a@b.se', to: 'c@d.se', subject, headers, text: 'x' })),
      ),
    ).toBe(true);
  });
  it("a person's reply is not, and Auto-Submitted: no is not", async () => {
    const mail = await composed({
      from: 'a@b.se',
      to: 'c@d.se',
      subject: 'Re: Tack',
      headers: { 'Auto-Submitted': 'no' },
      text: 'Hej',
    });
    expect(isAutomatic(await parseInbound(mail))).toBe(false);
  });
});

describe('malformed mail', () => {
  it('is parsed and classified without an exception, whatever it holds', async () => {
    await fc.assert(
      fc.asyncProperty(malformedMail, async (raw) => {
        const verdict = await classify(await parseInbound(raw), 'unsubscribe@tasteget.local');
        expect(['bounce', 'complaint', 'unsubscribe', 'message']).toContain(verdict.kind);
      }),
      { numRuns: 300 },
    );
  });
});
