import { solveChallenge, type createChallenge } from 'altcha-lib';
import type { Solution } from 'altcha-lib/types';

/**
 * The proof-of-work every portal form carries (ALTCHA, self-hosted: no third-party service).
 * The CMS issues a signed challenge at CHALLENGE_ENDPOINT; the browser finds its number and sends
 * challenge and number, base64-encoded, as the form's `challenge` field. Used by the site's forms
 * (which solve in Web Workers: components/forms/portal-client.ts) and by the tests.
 */
export const CHALLENGE_ENDPOINT = '/api/forms/challenge';

export type PortalChallenge = Awaited<ReturnType<typeof createChallenge>> & {
  /** How long after the challenge the CMS takes a form for a person's. */
  minFillSeconds?: number;
};

/** Finds a challenge's number; null when it has none in range. */
export type ChallengeSolver = (challenge: PortalChallenge) => Promise<Solution | null>;

/** Solving on the calling thread: Node (the tests) and browsers without Web Workers. */
export const solveOnThisThread: ChallengeSolver = (c) =>
  solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;

/** The solved challenge as the CMS checks it: the challenge as issued, with the number found. */
export async function solvedPayload(challenge: PortalChallenge, solve: ChallengeSolver = solveOnThisThread) {
  const solution = await solve(challenge);
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
export async function solvePortalChallenge(
  challenge: PortalChallenge,
  solve: ChallengeSolver = solveOnThisThread,
): Promise<string> {
  return btoa(JSON.stringify(await solvedPayload(challenge, solve)));
}
