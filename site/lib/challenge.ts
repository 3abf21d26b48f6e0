import { solveChallenge, type createChallenge } from 'altcha-lib';

/**
 * The proof-of-work every portal form carries (ALTCHA, self-hosted: no third-party service).
 * The CMS issues a signed challenge at CHALLENGE_ENDPOINT; the browser finds its number and sends
 * challenge and number, base64-encoded, as the form's `challenge` field. Used by the site's forms
 * and by the tests.
 */
export const CHALLENGE_ENDPOINT = '/api/forms/challenge';

export type PortalChallenge = Awaited<ReturnType<typeof createChallenge>>;

/** The solved challenge as the CMS checks it: the challenge as issued, with the number found. */
export async function solvedPayload(challenge: PortalChallenge) {
  const solution = await solveChallenge(
    challenge.challenge,
    challenge.salt,
    challenge.algorithm,
    challenge.maxnumber,
  ).promise;
  if (!solution) throw new Error('The challenge could not be solved');
  return {
    algorithm: challenge.algorithm,
    challenge: challenge.challenge,
    number: solution.number,
    salt: challenge.salt,
    signature: challenge.signature,
  };
}

/** The form's `challenge` field: the solved payload, base64-encoded. */
export async function solvePortalChallenge(challenge: PortalChallenge): Promise<string> {
  return btoa(JSON.stringify(await solvedPayload(challenge)));
}
