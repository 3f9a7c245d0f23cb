import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeAnnotation } from '../../core/annotation.ts';
import type { Annotation, Section, Source, SourceMeta } from '../../core/types.ts';
import { findInterviewOutlet, identifyAuthor } from './identify-author.ts';

const CUES = { outletCues: ['told', 'shared with', 'in an interview with'] };

/** A source with the given text, metadata and sections (one body section by default). */
function source(text: string, meta: Partial<SourceMeta> = {}, sections?: Section[]): Source {
  return { id: 'src1', key: 'src1', meta: { format: 'text', ...meta }, text, sourceMap: [[0, 0]], sections: sections ?? [{ id: 'b', kind: 'body', start: 0, end: text.length }], messages: [] };
}
/** A mention on the first occurrence of `needle`. */
const mention = (text: string, needle: string, label: string): Annotation => {
  const p = text.indexOf(needle);
  return makeAnnotation('src1', 'mention', p, p + needle.length, label, { stage: 'test', version: '0' }, {});
};

const INTERVIEWS = [
  '“The canal was dug by hand,” the engineer Pavel Orlik told Harbour Radio.',
  'The works took four years.',
  '“Nobody counted the dead,” the archivist Mira Senn shared with Harbour Radio.',
].join('\n\n');

test('a byline names the author voice, with the site when there is one', () => {
  const a = identifyAuthor(source('Some text.', { author: 'Jane Roe', site: 'Daily Post' }), [], CUES);
  assert.equal(a.name, 'author (Jane Roe, Daily Post)');
  assert.equal(a.id, 'author:jane-roe-daily-post');
  assert.equal(a.rule, 'author:byline');
});

test('an author credit section counts as a byline', () => {
  const text = 'Body text here.\nBy Ola Nordmann';
  const sections: Section[] = [{ id: 'b', kind: 'body', start: 0, end: 15 }, { id: 'c', kind: 'credit', start: 16, end: text.length, role: 'author', author: 'Ola Nordmann' }];
  assert.equal(identifyAuthor(source(text, {}, sections), [], CUES).name, 'author (Ola Nordmann)');
});

test('without a byline: the site name, else the URL host', () => {
  assert.equal(identifyAuthor(source('x', { site: 'The Courier' }), [], CUES).name, 'author (The Courier)');
  const byHost = identifyAuthor(source('x', { path: 'https://www.example-news.org/2020/a.html' }), [], CUES);
  assert.equal(byHost.name, 'author (example-news.org)');
  assert.equal(byHost.rule, 'author:url-host');
});

test('an unsigned article whose interviewees repeatedly told one outlet is that outlet\'s', () => {
  const mentions = [mention(INTERVIEWS, 'Pavel Orlik', 'PER'), mention(INTERVIEWS, 'Mira Senn', 'PER')];
  assert.deepEqual(findInterviewOutlet(source(INTERVIEWS), mentions, CUES), { name: 'Harbour Radio', count: 2 });
  const a = identifyAuthor(source(INTERVIEWS), mentions, CUES);
  assert.equal(a.name, 'author (Harbour Radio)');
  assert.equal(a.rule, 'author:interview-outlet');
  assert.ok(a.confidence > 0.5 && a.confidence < 0.95);
});

test('one mention of an outlet, or a person told twice, names no outlet', () => {
  const once = '“The canal was dug by hand,” Pavel Orlik told Harbour Radio.\n\nThe works took four years.';
  assert.equal(findInterviewOutlet(source(once), [], CUES), undefined);
  const person = 'The envoy told Karl Brand the news. Later the envoy told Karl Brand again.';
  assert.equal(findInterviewOutlet(source(person), [mention(person, 'Karl Brand', 'PER'), mention(person.replace('Karl Brand', 'xxxx xxxxx'), 'Karl Brand', 'PER')], CUES), undefined);
});

test('a wiki page without a site is its editors\' article text; nothing known is the article text', () => {
  const text = 'Changes\nThe mill burned in 1901.<ref>Mill history - http://example.org/mill</ref>';
  const sections: Section[] = [
    { id: 's0', kind: 'chrome', start: 0, end: 7, role: 'edit-summary' },
    { id: 's1', kind: 'body', start: 8, end: text.length },
    { id: 's2', kind: 'reference', start: 32, end: text.length, url: 'http://example.org/mill', parent: 's1' },
  ];
  const wiki = identifyAuthor(source(text, {}, sections), [], CUES);
  assert.equal(wiki.name, 'wiki editors (article text)');
  assert.equal(wiki.rule, 'author:wiki');
  const none = identifyAuthor(source('The mill burned in 1901.'), [], CUES);
  assert.equal(none.name, 'author (article text)');
  assert.equal(none.id, 'author:src1');
  assert.equal(none.rule, 'author:unattributed');
});
