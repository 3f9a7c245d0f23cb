import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutPlainText } from './layout-plain-text.ts';

// Invented pages in the shapes of real scrapes (blog with chrome, article with comment thread,
// news feature with photo captions, wiki diff page). None of this text comes from real documents.

const BLOG = [
  'Sidebar Ads',
  '',
  'Top Ads',
  '',
  'THE TRACTOR PLANT STRIKE OF 1962 - Notes from a regional archive',
  '',
  'The editors present a translated memoir about a factory dispute in a provincial town.',
  '',
  'Workers at the tractor plant stopped the assembly line on a Monday morning after the price of meat rose again.',
  '',
  'The local party secretary reported the events to the capital as follows (quoted below):',
  '',
  'At nine in the morning about two hundred workers gathered at the gate and refused to enter the halls.',
  '',
  'The dispute ended within three days, and several organizers were later sent to distant camps.',
  '',
  'Ivan Petrovsky\u00a0',
  '',
  'Translated by Mary Olsen of the Archive Society. March 3, 2015. Edited by John Reyes of the Archive Society. March 5, 2015.',
  'This text is in the public domain. You may copy it freely and share it with anyone.',
  'Powered by WordPress.',
].join('\n');

test('blog chrome is marked, not dropped, and never left in kept sections', () => {
  const { sections } = layoutPlainText(BLOG);
  const chrome = sections.filter((s) => s.kind === 'chrome').map((s) => BLOG.slice(s.start, s.end));
  assert.deepEqual(chrome, ['Sidebar Ads', 'Top Ads', 'This text is in the public domain. You may copy it freely and share it with anyone.', 'Powered by WordPress.']);
  const kept = sections.filter((s) => s.kind !== 'chrome').map((s) => BLOG.slice(s.start, s.end)).join(' ');
  assert.ok(!kept.includes('Powered by'));
  assert.ok(!kept.includes('Ads'));
});

test('title, author signature, translator and editor credits with dates become metadata', () => {
  const { sections, meta } = layoutPlainText(BLOG);
  assert.equal(meta.title, 'THE TRACTOR PLANT STRIKE OF 1962 - Notes from a regional archive');
  assert.equal(meta.author, 'Ivan Petrovsky');
  assert.equal(meta.published, '2015-03-03');
  const credits = sections.filter((s) => s.kind === 'credit');
  assert.deepEqual(
    credits.map((s) => [s.role, s.author, s.displayName, s.time]),
    [
      ['author', 'Ivan Petrovsky', undefined, undefined],
      ['translator', 'Mary Olsen', 'the Archive Society', '2015-03-03'],
      ['editor', 'John Reyes', 'the Archive Society', '2015-03-05'],
    ],
  );
  // the signature line's span excludes the trailing no-break space
  assert.equal(BLOG.slice(credits[0]!.start, credits[0]!.end), 'Ivan Petrovsky');
});

test('a paragraph announced with a reporting cue and a colon is a block quote', () => {
  const { sections } = layoutPlainText(BLOG);
  const quotes = sections.filter((s) => s.kind === 'quote').map((s) => BLOG.slice(s.start, s.end));
  assert.deepEqual(quotes, ['At nine in the morning about two hundred workers gathered at the gate and refused to enter the halls.']);
});

const THREAD = [
  'Who stopped the grain deliveries?',
  '',
  'The harvest of that year was poor, and the ministry hid the figures from the public for a long time.',
  '',
  'Hidden reserves',
  '',
  'Regional stores held more grain than the reports admitted, as the later audit showed in detail.',
  '  1. oldfox Offline oldfox',
  '    oldfox 2 May 2020 08: 15',
  '    Good piece. My grandfather worked at the elevator.',
  '',
  '    He never spoke about it.',
  '  2. Marta_K Offline Marta_K',
  '    Marta_K (Marta) 2 May 2020 09: 40',
  '    The audit numbers are doubtful.',
  '    1. oldfox Offline oldfox',
  '      oldfox 2 May 2020 10: 05',
  '      Why doubtful?',
  '      1. Marta_K Offline Marta_K',
  '        Marta_K (Marta) 3 May 2020 07: 00',
  '        Because the auditors were the same people.',
  '  3. quietreader Offline quietreader',
  '    quietreader (Paul Smith) 4 June 2021 23: 59',
  '    Thanks.',
].join('\n');

test('a numbered comment thread comes apart into comments with author, name, time and parent', () => {
  const { sections } = layoutPlainText(THREAD);
  const comments = sections.filter((s) => s.kind === 'comment');
  assert.deepEqual(
    comments.map((c) => [c.author, c.displayName, c.time, c.replyTo, c.depth]),
    [
      ['oldfox', undefined, '2020-05-02T08:15', null, 0],
      ['Marta_K', 'Marta', '2020-05-02T09:40', null, 0],
      ['oldfox', undefined, '2020-05-02T10:05', 1, 1],
      ['Marta_K', 'Marta', '2020-05-03T07:00', 2, 2],
      ['quietreader', 'Paul Smith', '2021-06-04T23:59', null, 0],
    ],
  );
  assert.equal(THREAD.slice(comments[0]!.start, comments[0]!.end), 'Good piece. My grandfather worked at the elevator.\n\n    He never spoke about it.');
  const headers = sections.filter((s) => s.role === 'comment-header' || s.role === 'comment-meta');
  assert.equal(headers.length, 10);
  assert.ok(headers.every((h) => h.kind === 'chrome' && comments.some((c) => c.id === h.parent)));
});

test('without indentation, numbering that restarts at 1 nests replies', () => {
  const flat = THREAD.split('\n').map((l) => l.trimStart()).join('\n');
  const comments = layoutPlainText(flat).sections.filter((s) => s.kind === 'comment');
  assert.deepEqual(comments.map((c) => c.replyTo), [null, null, 1, 2, null]);
});

test('title and short heading lines are found; the thread is not body', () => {
  const { sections, meta } = layoutPlainText(THREAD);
  assert.equal(meta.title, 'Who stopped the grain deliveries?');
  assert.deepEqual(sections.filter((s) => s.kind === 'heading').map((s) => THREAD.slice(s.start, s.end)), ['Hidden reserves']);
  assert.equal(sections.filter((s) => s.kind === 'body').length, 2);
});

const NEWS = [
  'On a cold morning the old statue was taken down by a crane while a small crowd watched in silence.',
  '',
  'The decision had been taken by the town council a week earlier, without any public debate.',
  '',
  '  \u2022  Workers removing the statue',
  '',
  '  \u2022  City Archive',
  '',
  'A cut sentence that ends with the',
  '',
  'Several residents later wrote letters of protest to the regional newspaper, which printed none of them.',
  '',
  '  \u2022  one',
  '  \u2022  two',
  '  \u2022  three',
].join('\n');

test('bullet caption with its photo credit; bullet lists and cut lines are not captions or headings', () => {
  const { sections } = layoutPlainText(NEWS);
  const cap = sections.find((s) => s.kind === 'caption')!;
  assert.equal(NEWS.slice(cap.start, cap.end), 'Workers removing the statue');
  const credit = sections.find((s) => s.kind === 'credit')!;
  assert.equal(NEWS.slice(credit.start, credit.end), 'City Archive');
  assert.equal(credit.role, 'photo-credit');
  assert.equal(credit.parent, cap.id);
  assert.equal(sections.filter((s) => s.kind === 'caption').length, 1);
  assert.equal(sections.filter((s) => s.kind === 'heading').length, 0);
});

const DIFF = [
  'Changes',
  '',
  'Jump to: navigation, search',
  'no edit summary',
  'The treaty was signed in the spring.<ref>Treaty text - https://example.org/treaty</ref> It did not last.',
  '===Later years===After the treaty the two states drifted apart.',
  '==Legacy==',
  '',
  'Navigation menu',
].join('\n');

test('wiki diff chrome, glued wikitext headings and inline refs with URLs', () => {
  const { sections } = layoutPlainText(DIFF);
  assert.deepEqual(sections.filter((s) => s.kind === 'chrome').map((s) => [DIFF.slice(s.start, s.end), s.role]), [
    ['Changes', 'page-title'],
    ['Jump to: navigation, search', 'navigation'],
    ['no edit summary', 'edit-summary'],
    ['Navigation menu', 'navigation'],
  ]);
  assert.deepEqual(sections.filter((s) => s.kind === 'heading').map((s) => [DIFF.slice(s.start, s.end), s.level]), [
    ['Later years', 3],
    ['Legacy', 2],
  ]);
  const ref = sections.find((s) => s.kind === 'reference')!;
  assert.equal(ref.url, 'https://example.org/treaty');
  assert.ok(DIFF.slice(ref.start, ref.end).startsWith('<ref>'));
  assert.ok(sections.some((s) => s.kind === 'body' && DIFF.slice(s.start, s.end) === 'After the treaty the two states drifted apart.'));
});

test('a plain article without blank lines is all body', () => {
  const text = 'First paragraph of an essay about the decade.\nA second one that continues the argument.\nShort line\nThe end of it.';
  const { sections, meta } = layoutPlainText(text);
  assert.deepEqual(sections.map((s) => s.kind), ['body', 'body', 'body', 'body']);
  assert.equal(meta.title, undefined);
});

const MASTHEAD = [
  'PAPER TRAIL',
  'Home | Topics | About us',
  '',
  'Posted by quillpen on 2 April 2018',
  '',
  'The winter of the long queues',
  '',
  'Bread queues grew through the winter, and the district papers printed nothing about them at all.',
  '',
  'Image: A queue outside a bakery on a side street, 1962. Photo credit: family album',
  '',
  'Tags: bread, winter, queues',
  'Share this: Mail | Print | Link',
].join('\n');

test('masthead, pipe menus, tag lines, a lower-case byline and a prefixed caption with its credit', () => {
  const { sections, meta } = layoutPlainText(MASTHEAD);
  const of = (kind: string) => sections.filter((s) => s.kind === kind).map((s) => [MASTHEAD.slice(s.start, s.end), s.role]);
  assert.deepEqual(of('chrome'), [
    ['PAPER TRAIL', 'site-name'],
    ['Home | Topics | About us', 'navigation'],
    ['Tags: bread, winter, queues', 'navigation'],
    ['Share this: Mail | Print | Link', 'navigation'],
  ]);
  assert.deepEqual(meta, { title: 'The winter of the long queues', site: 'PAPER TRAIL', author: 'quillpen', published: '2018-04-02' });
  assert.deepEqual(of('caption'), [['Image: A queue outside a bakery on a side street, 1962.', undefined]]);
  assert.deepEqual(of('credit'), [
    ['Posted by quillpen on 2 April 2018', 'author'],
    ['Photo credit: family album', 'photo-credit'],
  ]);
});

// A thread in another common shape: a "Comments (N)" heading, `N. user` header lines without a
// status badge, a date-only line under each, and a reply that names its parent in words.
const PLAIN_THREAD = [
  'The lighthouse keepers of Holm',
  '',
  'For sixty years two families kept the light on the northern cape and wrote down every ship.',
  '',
  'Comments (3)',
  '',
  '1. seabird',
  '   4 March 2019 at 08:10',
  '   My aunt kept that logbook for a winter.',
  '',
  '2. harbourwatch',
  '   4 March 2019 at 09:25',
  '   Reply to seabird: Was it the winter the ice closed the strait?',
  '',
  '3. capekeeper',
  '   5 March 2019',
  '   Lovely piece.',
].join('\n');

test('a thread of "N. user" headers with date lines under a "Comments (N)" heading is read as comments', () => {
  const { sections } = layoutPlainText(PLAIN_THREAD);
  const comments = sections.filter((s) => s.kind === 'comment');
  assert.deepEqual(
    comments.map((c) => [c.author, c.time, c.replyTo, c.depth, PLAIN_THREAD.slice(c.start, c.end)]),
    [
      ['seabird', '2019-03-04T08:10', null, 0, 'My aunt kept that logbook for a winter.'],
      ['harbourwatch', '2019-03-04T09:25', 0, 1, 'Reply to seabird: Was it the winter the ice closed the strait?'],
      ['capekeeper', '2019-03-05', null, 0, 'Lovely piece.'],
    ],
  );
  const heading = sections.find((s) => PLAIN_THREAD.slice(s.start, s.end) === 'Comments (3)');
  assert.equal(heading?.kind, 'chrome');
  assert.equal(heading?.role, 'comment-heading');
  assert.equal(sections.filter((s) => s.kind === 'body').length, 1, 'only the article paragraph is body');
});

test('a numbered list of single words is not a comment thread without date lines', () => {
  const list = ['Packing list', '', '1. rope', '2. lantern', '3. oilskins', '', 'We left at dawn.'].join('\n');
  assert.equal(layoutPlainText(list).sections.filter((s) => s.kind === 'comment').length, 0);
});
