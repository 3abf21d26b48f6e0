import fs from 'node:fs';
import { cmsUrl } from './cms-url';

/**
 * How the build reaches the CMS: HTTP by default. For the site benchmark, CMS_RECORD=<file> keeps
 * every answer in a JSON dump, and CMS_REPLAY=<file> answers from such a dump without the CMS, so
 * the same pages can be built from local data and the cost of the CMS measured against it.
 */
const RECORD = process.env.CMS_RECORD;
const REPLAY = process.env.CMS_REPLAY;

let replayed: Record<string, unknown> | null = null;
const recorded: Record<string, unknown> = {};

/** One build asks for the same page of a collection from several pages; the CMS answers once. */
const answers = new Map<string, Promise<unknown>>();

/** What pages work out from the answers (an index by document), kept as long as the answers are. */
const derived = new Map<string, Promise<unknown>>();

/** Forgets the answers: a preview, rendered on demand, reads the CMS as it is now, every time. */
export function forgetAnswers() {
  answers.clear();
  derived.clear();
}

/** `compute` once per key until the answers are forgotten. */
export function fromAnswers<T>(key: string, compute: () => Promise<T>): Promise<T> {
  let value = derived.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    derived.set(key, value);
    value.catch(() => derived.delete(key));
  }
  return value;
}

/** A single type that has not been published answers 404: `null` where `missing: 'null'`. */
export function getJson(
  endpoint: string,
  { missing = 'throw' }: { missing?: 'throw' | 'null' } = {},
): Promise<unknown> {
  const key = `${missing}:${endpoint}`;
  let answer = answers.get(key);
  if (!answer) {
    answer = fetchJson(endpoint, missing);
    answers.set(key, answer);
    answer.catch(() => answers.delete(key));
  }
  return answer;
}

async function fetchJson(endpoint: string, missing: 'throw' | 'null'): Promise<unknown> {
  if (REPLAY) {
    replayed ??= JSON.parse(fs.readFileSync(REPLAY, 'utf8')) as Record<string, unknown>;
    if (!(endpoint in replayed)) throw new Error(`The CMS dump ${REPLAY} has no answer for ${endpoint}`);
    return replayed[endpoint];
  }
  const res = await fetch(`${cmsUrl()}${endpoint}`, { headers: { Accept: 'application/json' } });
  if (res.status === 404 && missing === 'null') {
    if (RECORD) recorded[endpoint] = null;
    return null;
  }
  if (!res.ok) throw new Error(`The CMS answered ${endpoint} with HTTP ${res.status}`);
  const body: unknown = await res.json();
  if (RECORD) recorded[endpoint] = body;
  return body;
}

// The dump is written once, when the build process ends.
if (RECORD) process.on('exit', () => fs.writeFileSync(RECORD, JSON.stringify(recorded)));
