/**
 * A form posted without JavaScript arrives as `application/x-www-form-urlencoded`: every value is
 * a string, repeated names are lists, a checkbox that was not ticked is absent, and nested fields
 * use dotted names (`postalAddress.city`). This turns such a body into the shape the form's zod
 * schema reads, so the CMS validates a no-JavaScript post with the same schema as a JSON one.
 */
export interface FormEncoding {
  /** Fields that hold a list (checkbox groups): always decoded to an array. */
  lists?: readonly string[];
  /** Number inputs. A value that is not a number is kept as text, so the schema reports it. */
  numbers?: readonly string[];
  /** Checkboxes: ticked → true; not ticked → false, or absent when listed in `required`. */
  booleans?: readonly string[];
  /** Checkboxes that must be ticked: left out when not ticked, so the schema says "required". */
  requiredBooleans?: readonly string[];
  /** A checkbox that turns a nested group on: when not ticked, the group is left out. */
  toggles?: Readonly<Record<string, string>>;
}

type FormValue = string | string[] | undefined;

/**
 * The body as flat `name → text or texts`, whatever the parser made of it: some parsers turn
 * dotted or bracketed names into nested objects, and a hostile client can send anything.
 */
export function flattenFormBody(body: unknown, prefix = '', into: Record<string, FormValue> = {}) {
  if (typeof body !== 'object' || body === null) return into;
  for (const [key, value] of Object.entries(body)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value))
      into[name] = value.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? '')));
    else if (typeof value === 'object' && value !== null) flattenFormBody(value, name, into);
    else if (value !== undefined) into[name] = String(value);
  }
  return into;
}

function first(value: FormValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown) {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

export function decodeFormBody(parsedBody: unknown, encoding: FormEncoding): Record<string, unknown> {
  const body = flattenFormBody(parsedBody);
  const lists = new Set(encoding.lists);
  const numbers = new Set(encoding.numbers);
  const booleans = new Set([...(encoding.booleans ?? []), ...(encoding.requiredBooleans ?? [])]);
  const result: Record<string, unknown> = {};

  for (const [name, raw] of Object.entries(body)) {
    if (raw === undefined || booleans.has(name) || Object.keys(encoding.toggles ?? {}).includes(name))
      continue;
    let value: unknown;
    if (lists.has(name)) {
      value = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== '');
    } else {
      const text = first(raw);
      if (text === undefined || text.trim() === '') continue;
      value = numbers.has(name) && /^\s*-?\d+\s*$/.test(text) ? Number(text) : text;
    }
    setPath(result, name.split('.'), value);
  }
  for (const name of lists) if (!(name in body)) setPath(result, name.split('.'), []);
  for (const name of encoding.booleans ?? [])
    setPath(result, name.split('.'), first(body[name]) !== undefined);
  for (const name of encoding.requiredBooleans ?? []) {
    if (first(body[name]) !== undefined) setPath(result, name.split('.'), true);
  }
  for (const [toggle, group] of Object.entries(encoding.toggles ?? {})) {
    if (first(body[toggle]) === undefined) delete result[group];
  }
  return result;
}
