import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/paths';

/**
 * The docs a clone carries link only to files it has: every relative Markdown link of the README,
 * docs/ and the feature READMEs resolves to a file or folder in the repository, and none leaves it.
 */
const DOCS = [
  'README.md',
  ...fs.readdirSync(path.join(ROOT, 'docs')).map((name) => `docs/${name}`),
  'newsletter/README.md',
  ...['platform', 'intake', 'mail', 'newsletter', 'workspace/care'].map(
    (folder) => `cms/src/${folder}/README.md`,
  ),
].filter((file) => file.endsWith('.md'));

function links(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

describe('documentation links', () => {
  it.each(DOCS)('%s links only to files in the repository', (file) => {
    const markdown = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const broken = links(markdown)
      .filter((target) => !/^(https?:|mailto:|#)/.test(target))
      .map((target) => target.split('#')[0])
      .filter((target) => {
        const resolved = path.resolve(path.dirname(path.join(ROOT, file)), target);
        return !resolved.startsWith(`${ROOT}${path.sep}`) || !fs.existsSync(resolved);
      });
    expect(broken).toEqual([]);
  });

  it('the README names no file outside the repository', () => {
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).not.toMatch(/\.\.\/shared|DESIGN\.md/);
  });

  it('the README stays short enough to read in five minutes', () => {
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').length).toBeLessThanOrEqual(150);
  });
});
