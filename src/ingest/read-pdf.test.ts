import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPdf } from './read-pdf.ts';
import { makePdf } from './testing/make-pdf.ts';

test('reads the text layer page by page with document info', async () => {
  const pdf = makePdf(
    [
      ['A Report on the Harvest', '', 'The harvest of the year was smaller than planned.'],
      ['The second page tells what the ministry did next.'],
    ],
    { title: 'Harvest report', author: 'Planning Office' },
  );
  const r = await readPdf(pdf);
  assert.deepEqual(r.messages, []);
  assert.ok(r.text.includes('The harvest of the year was smaller than planned.'));
  assert.ok(r.text.indexOf('The second page') > r.text.indexOf('smaller than planned'));
  assert.equal(r.meta.title, 'Harvest report');
  assert.equal(r.meta.author, 'Planning Office');
  assert.equal(r.meta.published, '2020-01-02');
});

test('a truncated or damaged PDF is an error message, not a throw', async () => {
  const pdf = makePdf([['Some text on a page that will be cut off.']]);
  const r = await readPdf(pdf.subarray(0, 40));
  assert.equal(r.text, '');
  assert.equal(r.messages[0]?.severity, 'error');
});

test('rebuilds paragraphs across line ends and marks font headings', async () => {
  const pdf = makePdf([
    [
      { text: 'Notes on the Grain Trade', size: 18 },
      { text: 'The Southern Ports', bold: true, gapBefore: 10 },
      { text: 'Ships loaded grain in the southern ports every autumn, and the' },
      { text: 'traders sold it on to the inter-' },
      { text: 'national markets before the ice closed the northern routes.' },
      { text: 'Prices fell in the second year of the war when the harbours', indent: 18 },
      { text: 'were blockaded and the ships stayed at their moorings.' },
    ],
  ]);
  const r = await readPdf(pdf);
  const kinds = r.sections.map((s) => [s.kind, r.text.slice(s.start, s.end).slice(0, 20)]);
  assert.deepEqual(kinds, [
    ['title', 'Notes on the Grain T'],
    ['heading', 'The Southern Ports'],
    ['body', 'Ships loaded grain i'],
    ['body', 'Prices fell in the s'],
  ]);
  assert.ok(r.text.includes('traders sold it on to the international markets before'));
  assert.ok(r.sourceMap.length >= 2, 'the map has anchors beyond the start');
});
