/** XML text helpers for the TEI export: documents are hostile input, so everything goes through here. */

/** Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF) and lone surrogates (global regex). */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
export const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Replaces characters XML 1.0 cannot carry with U+FFFD, one unit for one unit, so UTF-16 lengths
 * (and therefore offsets) are kept.
 */
export function cleanXmlChars(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD');
}

/** Escapes text content: `&`, `<`, `>` (the last for `]]>`), after cleaning invalid characters. */
export function escapeXmlText(s: string): string {
  return cleanXmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted): also `"` and the whitespace controls attribute normalization would fold. */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** A safe `xml:id` (an NCName) from any id: prefix plus the id with disallowed characters turned into `-`. */
export function toXmlId(prefix: string, id: string): string {
  const out = `${prefix}${id.replace(/[^A-Za-z0-9._-]/g, '-')}`;
  // An NCName starts with a letter or underscore: "1abc" → "_1abc".
  return /^[A-Za-z_]/.test(out) ? out : `_${out}`;
}

/** Renders an element's attributes, skipping undefined and empty values, in the order given. */
export function xmlAttrs(attrs: Record<string, string | number | undefined | null>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');
}
