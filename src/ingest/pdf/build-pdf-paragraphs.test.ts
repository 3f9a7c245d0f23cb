import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toRawOffset } from '../text-builder.ts';
import { buildPdfParagraphs } from './build-pdf-paragraphs.ts';
import { groupPdfLines, type PdfTextItem } from './pdf-lines.ts';
import { writePdfText } from './write-pdf-text.ts';

/** A text item of `str` at (x, y) in Helvetica-like 10 pt (5 pt per character). */
function item(str: string, y: number, x = 50, size = 10, font = 'f1'): PdfTextItem {
  return { str, transform: [size, 0, 0, size, x, y], width: str.length * size * 0.5, fontName: font, hasEOL: true };
}

function read(items: PdfTextItem[], bold = new Set<string>()) {
  const { lines, raw } = groupPdfLines(items, 1, 0, bold);
  return { ...writePdfText(buildPdfParagraphs(lines)), raw };
}

test('lines of one paragraph join with spaces; a short last line ends the paragraph', () => {
  const r = read([
    item('The committee met in the spring and agreed on the', 700),
    item('new schedule for the harvest after a long debate', 688),
    item('about the seed.', 676),
    item('Next year the plan changed again when the rains came', 664),
    item('late and the roads were closed for weeks.', 652),
  ]);
  assert.deepEqual(r.text.split('\n\n'), [
    'The committee met in the spring and agreed on the new schedule for the harvest after a long debate about the seed.',
    'Next year the plan changed again when the rains came late and the roads were closed for weeks.',
  ]);
});

test('a larger gap or an indented first line starts a paragraph even after a full line', () => {
  const r = read([
    item('The first paragraph fills its whole line to the margin', 700),
    item('and it ends here on a line that is full width too..', 688),
    item('A gap above this line marks a new paragraph of text', 670),
    item('that ends on a full line as well, to the far margin.', 658),
    item('An indented line starts the third paragraph here', 646, 62),
    item('and the text goes on below it to the right margin.', 634),
  ]);
  assert.equal(r.text.split('\n\n').length, 3);
  assert.ok(r.text.split('\n\n')[2]!.startsWith('An indented line'));
});

test('soft hyphens at line ends are rejoined; real compounds keep their hyphen', () => {
  const r = read([
    item('The treaty changed the inter-', 700),
    item('national order and the Soviet-', 688),
    item('American talks; a well-known envoy, well-', 676),
    item('known to all, signed it.', 664),
  ]);
  assert.equal(r.text, 'The treaty changed the international order and the Soviet-American talks; a well-known envoy, well-known to all, signed it.');
});

test('headings come from larger or bold fonts and get levels by size', () => {
  const r = read(
    [
      item('A Report on the Ports', 720, 50, 18),
      item('Background', 690, 50, 10, 'bold'),
      item('The ports were closed in winter and opened again in', 676),
      item('the spring when the ice had gone from the harbour.', 664),
    ],
    new Set(['bold']),
  );
  assert.deepEqual(
    r.headings.map((h) => [r.text.slice(h.start, h.end), h.level]),
    [['A Report on the Ports', 1], ['Background', 2]],
  );
  assert.equal(r.paragraphs.length, 3);
});

test('the source map leads every word back to its place in the raw text layer', () => {
  const r = read([
    item('  Delegates from the northern regions arrived late', 700),
    item('in the evening; the session was post-', 688),
    item('poned to the following morning.', 676),
  ]);
  const words = [...r.text.matchAll(/[A-Za-z]{4,}/g)].filter((m) => m[0] !== 'postponed');
  assert.ok(words.length >= 10);
  for (const m of words) {
    const raw = toRawOffset(r.sourceMap, m.index);
    assert.equal(r.raw.slice(raw, raw + m[0].length), m[0], `word ${m[0]}`);
  }
  // the rejoined word: each half maps to its own line
  const at = r.text.indexOf('postponed');
  assert.equal(r.raw.slice(toRawOffset(r.sourceMap, at), toRawOffset(r.sourceMap, at) + 4), 'post');
  assert.equal(r.raw.slice(toRawOffset(r.sourceMap, at + 4), toRawOffset(r.sourceMap, at + 4) + 5), 'poned');
});
