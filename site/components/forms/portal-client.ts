import { solveChallengeWorkers } from 'altcha-lib';
import {
  CHALLENGE_ENDPOINT,
  solveOnThisThread,
  solvePortalChallenge,
  type ChallengeSolver,
  type PortalChallenge,
} from '../../lib/challenge';

/**
 * The browser's side of a portal form: fetch and solve the CMS's proof-of-work challenge while
 * the visitor types, then POST the form as JSON and sort the answer into what the form shows.
 */

/**
 * Solving in Web Workers, off the main thread: the search for the number is seconds of hashing on
 * a slow phone, which on the main thread would freeze typing (Lighthouse counted 6.5 s of blocking
 * time). The range is split over up to four workers; a browser without workers solves here.
 */
const solveInWorkers: ChallengeSolver = (c) => {
  if (typeof Worker === 'undefined') return solveOnThisThread(c);
  return solveChallengeWorkers(
    () => new Worker(new URL('./pow-worker.ts', import.meta.url), { type: 'module' }),
    Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2)),
    c.challenge,
    c.salt,
    c.algorithm,
    c.maxnumber,
  );
};
export interface ServerFieldError {
  path: (string | number)[];
  message: string;
}

export type SubmitOutcome =
  | { kind: 'created'; message: string }
  | { kind: 'invalid'; message: string; errors: ServerFieldError[] }
  | { kind: 'refused'; message: string }
  | { kind: 'network' };

/**
 * Starts solving a fresh challenge; the form awaits it only when it is sent. The CMS takes a form
 * sent sooner than `minFillSeconds` after its challenge for a bot's; a person whose browser filled
 * the form in is quicker than that, so the answer is held back until then rather than refused.
 */
export function prepareChallenge(cmsUrl: string): Promise<string> {
  return fetch(`${cmsUrl}${CHALLENGE_ENDPOINT}`, { headers: { Accept: 'application/json' } })
    .then((res) => {
      if (!res.ok) throw new Error(`challenge: HTTP ${res.status}`);
      return res.json() as Promise<PortalChallenge>;
    })
    .then(async (challenge) => {
      // Counted from the answer's arrival, which is after the CMS issued it.
      const readyAt = Date.now() + (challenge.minFillSeconds ?? 0) * 1000 + FILL_MARGIN_MS;
      const solved = await solvePortalChallenge(challenge, solveInWorkers);
      const wait = readyAt - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return solved;
    });
}
/** Clocks and the request's way there: a little more than the minimum. */
const FILL_MARGIN_MS = 200;

interface ErrorBody {
  error?: { message?: string; details?: { errors?: ServerFieldError[] } };
  data?: { message?: string };
}

export async function submitPortalForm(
  cmsUrl: string,
  endpoint: string,
  body: Record<string, unknown>,
  language: string,
): Promise<SubmitOutcome> {
  let res: Response;
  let answer: ErrorBody;
  try {
    res = await fetch(`${cmsUrl}${endpoint}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Accept-Language': language,
      },
      body: JSON.stringify(body),
    });
    answer = (await res.json()) as ErrorBody;
  } catch {
    return { kind: 'network' };
  }
  if (res.ok) return { kind: 'created', message: answer.data?.message ?? '' };
  const message = answer.error?.message ?? '';
  if (res.status === 400) return { kind: 'invalid', message, errors: answer.error?.details?.errors ?? [] };
  if (res.status >= 500) return { kind: 'network' };
  return { kind: 'refused', message };
}

/** A form's fields as the shared decoder reads them: repeated names become lists. */
export function formEntries(form: HTMLFormElement): Record<string, string | string[]> {
  const entries: Record<string, string | string[]> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== 'string') continue;
    const existing = entries[name];
    entries[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return entries;
}
