import { verifySolution } from 'altcha-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { environment } from '../../cms/src/platform/environment';
import { checkSolution, issueChallenge } from '../../cms/src/intake/challenge';
import { solvedPayload } from '../../site/lib/challenge';

/**
 * The portal's proof-of-work check: our synchronous verification must accept exactly what
 * altcha-lib's own `verifySolution` accepts, and add expiry and the minimum fill time.
 */
const encode = (payload: object) => Buffer.from(JSON.stringify(payload)).toString('base64');

async function solved() {
  const challenge = await issueChallenge();
  const payload = await solvedPayload(challenge);
  const params = new URLSearchParams(challenge.salt.split('?')[1]);
  return {
    payload,
    issuedAt: Number(params.get('issuedAt')),
    expiresAt: Number(params.get('expires')) * 1000,
  };
}

beforeAll(() => {
  process.env.PORTAL_POW_MAX_NUMBER = '2000';
  process.env.PORTAL_MIN_FILL_SECONDS = '3';
});

describe('proof-of-work check', () => {
  it('accepts a solved challenge once the fill time has passed, and says when it came too fast', async () => {
    const { payload, issuedAt, expiresAt } = await solved();
    const verdict = checkSolution(encode(payload), issuedAt + 5_000);
    expect(verdict).toEqual({ verdict: 'ok', proof: { key: payload.signature, expiresAt } });
    expect(checkSolution(encode(payload), issuedAt + 1_000)).toEqual({ verdict: 'too-fast' });
  });

  it('refuses an expired challenge', async () => {
    const { payload, expiresAt } = await solved();
    expect(checkSolution(encode(payload), expiresAt + 1)).toEqual({ verdict: 'invalid' });
  });

  it('agrees with altcha-lib on solved, tampered and malformed payloads', async () => {
    const { payload, issuedAt } = await solved();
    const variants: Record<string, unknown>[] = [
      payload,
      { ...payload, number: payload.number + 1 },
      { ...payload, signature: payload.signature.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) },
      { ...payload, challenge: payload.challenge.toUpperCase() },
      // Moving the issue time or the expiry changes the salt, so the hash no longer matches.
      { ...payload, salt: payload.salt.replace(/issuedAt=\d+/, `issuedAt=${issuedAt - 60_000}`) },
      { ...payload, algorithm: 'SHA-1' },
      { ...payload, signature: undefined },
      { ...payload, salt: 42 },
    ];
    for (const variant of variants) {
      const library = await verifySolution(
        variant as never,
        `${environment().PORTAL_TOKEN_SECRET}:challenge`,
        false,
      ).catch(() => false);
      const ours = checkSolution(encode(variant), issuedAt + 5_000).verdict === 'ok';
      expect({ variant, ours }).toEqual({ variant, ours: library });
    }
    // Stricter than the library in one respect: the number must be a number, as the widget sends it.
    expect(checkSolution(encode({ ...payload, number: String(payload.number) }), issuedAt + 5_000)).toEqual({
      verdict: 'invalid',
    });
    // Only the untouched payload is valid.
    expect(variants.filter((v) => checkSolution(encode(v), issuedAt + 5_000).verdict === 'ok')).toEqual([
      payload,
    ]);
  });

  it('calls anything that is not a payload invalid, never throws', () => {
    for (const encoded of [
      '',
      'not base64 !!',
      encode([]),
      Buffer.from('null').toString('base64'),
      encode({}),
    ]) {
      expect(checkSolution(encoded)).toEqual({ verdict: 'invalid' });
    }
  });
});
