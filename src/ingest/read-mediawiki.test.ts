import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readMediawiki } from './read-mediawiki.ts';

const WIKI = `{{Infobox person
| name = Somebody
| born = {{birth date|1901|1|1}}
}}
'''Anton Vale''' was a [[Diplomacy|diplomat]] of the [[Ministry]].<ref>{{cite web |url=https://example.org/vale |title=Vale biography}}</ref>

== Career ==
He served in [[Vienna]] from 1950.<ref>Annual report - https://example.org/report</ref>
<!-- hidden note -->
* First posting
* Second posting

[[Category:Diplomats]]
`;

test('wikitext: templates, comments and categories dropped; links keep labels', () => {
  const r = readMediawiki(WIKI);
  assert.ok(r.text.startsWith('Anton Vale was a diplomat of the Ministry.'));
  for (const junk of ['Infobox', 'hidden note', 'Category', '[[', "'''"]) assert.ok(!r.text.includes(junk), junk);
});

test('wikitext: headings with levels, list items and refs listed with URLs', () => {
  const r = readMediawiki(WIKI);
  const heads = r.sections.filter((s) => s.kind === 'heading').map((s) => [r.text.slice(s.start, s.end), s.level]);
  assert.deepEqual(heads[0], ['Career', 2]);
  assert.equal(r.sections.filter((s) => s.role === 'list-item').length, 2);
  const refs = r.sections.filter((s) => s.kind === 'reference').map((s) => [r.text.slice(s.start, s.end), s.url]);
  assert.deepEqual(refs, [
    ['Vale biography', 'https://example.org/vale'],
    ['Annual report - https://example.org/report', 'https://example.org/report'],
  ]);
});

test('wikitext: refs go under the article\'s own empty References heading, not a second one', () => {
  const src = "'''Mira Holm''' ran the ferry office.<ref>Harbour register, 1931.</ref>\n\n== Later life ==\nShe retired in 1950.\n\n== References ==\n<references/>\n";
  const r = readMediawiki(src);
  const heads = r.sections.filter((s) => s.kind === 'heading').map((s) => r.text.slice(s.start, s.end));
  assert.deepEqual(heads, ['Later life', 'References']);
  assert.equal(r.sections.filter((s) => s.kind === 'reference').length, 1);
  // Without such a heading the reader still adds one.
  const bare = readMediawiki("Text with a note.<ref>A note.</ref>\n");
  assert.deepEqual(bare.sections.filter((s) => s.kind === 'heading').map((s) => [bare.text.slice(s.start, s.end), s.role]), [['References', 'generated']]);
});
