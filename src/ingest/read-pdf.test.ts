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
