import { HtmlValidate } from 'html-validate';

/**
 * Markup a browser has to repair: an element where HTML's content model does not allow it (a <div>
 * in a <p>, a link in a link, an <li> outside a list), a tag closed implicitly or out of order, an
 * id used twice. Astro 7's compiler no longer repairs nesting, so the browser would, and the page
 * it shows would differ from its source (and from what React hydrates).
 */
const validator = new HtmlValidate({
  rules: {
    'close-order': 'error',
    'element-permitted-content': 'error',
    'element-permitted-occurrences': 'error',
    'element-permitted-order': 'error',
    'element-permitted-parent': 'error',
    'element-required-ancestor': 'error',
    'no-dup-id': 'error',
    'no-implicit-close': 'error',
    'void-content': 'error',
  },
});

/**
 * A <style> in the body breaks the content model but is left where it is and applied: Astro puts
 * its islands' `astro-island { display: contents }` before the first island.
 */
const STYLE_IN_BODY = /^<style> element is not permitted as content under/;

/** Each problem as "rule: message (line:column)"; empty when the markup needs no repair. */
export async function markupProblems(html: string, name = 'page.html'): Promise<string[]> {
  const report = await validator.validateString(html, name);
  return report.results.flatMap((result) =>
    result.messages
      .filter((m) => !STYLE_IN_BODY.test(m.message))
      .map((m) => `${m.ruleId}: ${m.message} (${m.line}:${m.column})`),
  );
}
