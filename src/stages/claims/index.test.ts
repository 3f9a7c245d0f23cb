import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../core/types.ts';
import { fixtureInput, type FixtureSpec } from '../events/fixture-layers.ts';
import { claimsStage } from './index.ts';

/** Runs the claims stage over a fixture. */
function claims(spec: FixtureSpec): Annotation[] {
  return claimsStage.run(fixtureInput(spec)).annotations;
}
const slice = (text: string, a: Annotation) => text.slice((a.attrs.content as { start: number }).start, (a.attrs.content as { end: number }).end);

test('a quote over three paragraphs with the attribution at the end has that speaker', () => {
  const text = [
    'The archive reopened after the war.',
    '“The ledgers were intact.',
    'Only the maps had been taken, and nobody knows by whom.',
    'We catalogued everything twice,” the keeper Ada Brisk told the Gazette.',
  ].join('\n\n');
  const out = claims({ text, mentions: [{ text: 'Ada Brisk', entity: 'local:ada-brisk' }, { text: 'Gazette', entity: 'local:gazette', label: 'ORG' }] });
  const q = out.filter((a) => a.label === 'quote');
  assert.equal(q.length, 1);
  assert.equal(q[0]!.attrs.speaker, 'local:ada-brisk');
  assert.equal(q[0]!.attrs.speakerName, 'Ada Brisk');
  const content = slice(text, q[0]!);
  assert.ok(content.startsWith('The ledgers were intact.') && content.endsWith('We catalogued everything twice'), content);
  assert.match((q[0]!.attrs.cue as { text: string }).text, /told the Gazette/);
});

test('"the expert noted" after a quote goes to the person who spoke last', () => {
  const text = 'According to the economist Lena Park, prices doubled within a year.\n\n“Bread ran out in every district of the city,” the expert noted.';
  const out = claims({ text, mentions: [{ text: 'Lena Park', entity: 'local:lena-park' }] });
  const q = out.find((a) => a.label === 'quote');
  assert.equal(q?.attrs.speaker, 'local:lena-park');
});

test('"according to historians" is reported speech of an unnamed group', () => {
  const text = 'According to historians, the bridge was burned by the retreating garrison.';
  const [c] = claims({ text }).filter((a) => a.label === 'reported');
  assert.ok(c);
  assert.equal(c.attrs.speaker, 'local:historians');
  assert.equal(slice(text, c), 'the bridge was burned by the retreating garrison.');
  assert.equal((c.attrs.cue as { text: string }).text, 'According to historians');
});

test('"X noted that P" and "as experts note, P" are reported speech', () => {
  const text = 'The envoy Tomas Vell noted that the harbour had been mined twice. As experts note, the mines were never cleared.';
  const out = claims({ text, mentions: [{ text: 'Tomas Vell', entity: 'local:vell' }] }).filter((a) => a.label === 'reported');
  assert.deepEqual(out.map((a) => a.attrs.speaker), ['local:vell', 'local:experts']);
  assert.equal(slice(text, out[0]!), 'the harbour had been mined twice.');
});

test('text inside a comment section is the commenter\'s claim', () => {
  const article = 'The new mill opened in 1887 in the valley.';
  const comment = 'My grandfather said the mill closed in 1931 because of the flood.';
  const text = `${article}\n${comment}`;
  const c0 = article.length + 1;
  const out = claims({
    text,
    sections: [
      { id: 'body', kind: 'body', start: 0, end: article.length },
      { id: 'c1', kind: 'comment', start: c0, end: text.length, author: 'millfan', displayName: 'Mill Fan' },
    ],
    timexes: [{ text: '1887', edtf: '1887' }, { text: '1931', edtf: '1931' }],
  });
  const assertion = out.find((a) => a.label === 'author-assertion' && a.start < article.length);
  assert.equal(assertion?.attrs.speaker, 'author');
  const inComment = out.filter((a) => a.start >= c0);
  assert.ok(inComment.length > 0);
  assert.ok(inComment.every((a) => a.attrs.speaker === 'commenter:millfan' || a.label === 'reported'), JSON.stringify(inComment.map((a) => a.attrs.speaker)));
  assert.ok(inComment.some((a) => a.attrs.speaker === 'commenter:millfan'));
});

test('author assertions need a date, number, office or cause; each carries a score', () => {
  const text = 'The weather was pleasant and people walked slowly.\n\nIn 1902 the first secretary of the guild resigned because of the scandal.';
  const out = claims({ text, timexes: [{ text: '1902', edtf: '1902' }] }).filter((a) => a.label === 'author-assertion');
  assert.equal(out.length, 1);
  assert.ok(text.slice(out[0]!.start, out[0]!.end).startsWith('In 1902'));
  assert.deepEqual(out[0]!.attrs.checkReasons, ['date', 'number', 'office', 'cause']);
  const score = out[0]!.attrs.checkworthiness as number;
  assert.ok(score >= 0 && score <= 1);
});

test('scare quotes and titles without a speech verb are not claims', () => {
  const text = 'The so-called "iron winter" lasted long. The novel "Grey Fields" was banned in the capital.';
  assert.equal(claims({ text }).filter((a) => a.label === 'quote').length, 0);
});

test('a pronoun speaker ("he said") resolves to the person last named as a subject', () => {
  const text = 'In his memoir, Karl Boden praised the engineers. The famine, he said, was caused by the blockade.';
  const [c] = claims({ text, mentions: [{ text: 'Karl Boden', entity: 'local:boden' }] }).filter((a) => a.label === 'reported');
  assert.equal(c?.attrs.speaker, 'local:boden');
  assert.equal(slice(text, c!), 'The famine, he said, was caused by the blockade.');
});
