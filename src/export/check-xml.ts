/**
 * A small strict XML well-formedness check (no DTDs): balanced tags, one root, quoted unique attributes,
 * only predefined or numeric character references, no raw `<` or `&`, no characters XML 1.0 forbids,
 * unique `xml:id`s. Used by the export tests and to guard the TEI export; returns the problems found.
 */

import { INVALID_XML } from './xml.ts';

const NAME = '[A-Za-z_][\\w.:-]*';
const REF = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g;
const BAD_CHAR = new RegExp(INVALID_XML.source);

/** Problems with character data (text or attribute value): raw `&` outside a reference, raw `<`, bad characters. */
function checkChars(s: string, where: string, problems: string[]): void {
  if (s.includes('<')) problems.push(`raw "<" in ${where}`);
  if (s.replace(REF, '').includes('&')) problems.push(`raw "&" or unknown reference in ${where}`);
  if (BAD_CHAR.test(s)) problems.push(`character not allowed in XML in ${where}`);
}

/** Checks that `xml` is well-formed; returns a list of problems (empty when it is). */
export function checkWellFormed(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const ids = new Set<string>();
  let roots = 0;
  let i = 0;
  const tag = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`);
  const attr = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
  const s = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  if (s.startsWith('<?xml')) i = s.indexOf('?>') + 2;
  while (i < s.length && problems.length < 20) {
    const lt = s.indexOf('<', i);
    const text = s.slice(i, lt < 0 ? s.length : lt);
    if (stack.length === 0 && text.trim()) problems.push(`text outside the root at ${i}`);
    checkChars(text, `text at ${i}`, problems);
    if (lt < 0) break;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end < 0) problems.push('unclosed comment');
      i = end < 0 ? s.length : end + 3;
      continue;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt);
      if (end < 0 || stack.length === 0) problems.push('bad CDATA section');
      i = end < 0 ? s.length : end + 3;
      continue;
    }
    const m = tag.exec(s.slice(lt));
    if (!m) {
      problems.push(`malformed tag at ${lt}: ${JSON.stringify(s.slice(lt, lt + 30))}`);
      break;
    }
    const [whole, close, name, attrs, selfClose] = m;
    if (close) {
      if (attrs || selfClose) problems.push(`end tag with attributes at ${lt}`);
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? ''}> at ${lt}`);
    } else {
      if (stack.length === 0 && ++roots > 1) problems.push(`second root element <${name}> at ${lt}`);
      const seen = new Set<string>();
      for (const a of attrs!.matchAll(attr)) {
        const value = a[2] ?? a[3] ?? '';
        if (seen.has(a[1]!)) problems.push(`duplicate attribute ${a[1]} on <${name}>`);
        seen.add(a[1]!);
        checkChars(value, `attribute ${a[1]} of <${name}>`, problems);
        if (a[1] === 'xml:id') {
          if (ids.has(value)) problems.push(`duplicate xml:id "${value}"`);
          if (!/^[A-Za-z_][\w.-]*$/.test(value)) problems.push(`xml:id "${value}" is not an NCName`);
          ids.add(value);
        }
      }
      if (!selfClose) stack.push(name!);
    }
    i = lt + whole.length;
  }
  if (stack.length) problems.push(`unclosed <${stack.join('> <')}>`);
  if (roots === 0) problems.push('no root element');
  return problems;
}
