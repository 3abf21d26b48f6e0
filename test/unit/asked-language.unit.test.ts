import { describe, expect, it } from 'vitest';
import { askedLanguage } from '../../cms/src/platform/asked-language';

describe('the language a staff API request asks for first', () => {
  it.each([
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7', 'sv'],
    // Ranked by weight, not by order.
    ['en;q=0.4,sv;q=0.9', 'sv'],
    ['de-DE,de;q=0.9,en;q=0.8', null],
    ['*', null],
    ['', null],
    [undefined, null],
    ['en;q=0,sv;q=0', null],
  ] as const)('%s → %s', (header, expected) => {
    expect(askedLanguage(header)).toBe(expected);
  });
});
