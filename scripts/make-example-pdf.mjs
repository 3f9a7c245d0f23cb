#!/usr/bin/env node
// Writes examples/lecture-handout-warsaw-pact.pdf: a two-page lecture handout with a real text layer,
// so the PDF reader has a bundled example. Run: node scripts/make-example-pdf.mjs
// The prose is written for the project (see examples/README.md for the planted slips).
import { writeFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const TITLE = 'Lecture 7 handout: The Warsaw Pact and its members';
const PARAGRAPHS = [
  'Course: Europe Divided, 1945-1991. Prepared by the teaching assistant.',
  'The Warsaw Pact was founded on 14 May 1955, nine days after West Germany joined NATO. Its founding members were the Soviet Union, Poland, Czechoslovakia, Hungary, Romania, Bulgaria and Albania. East Germany joined the Warsaw Pact in January 1956, once its new army had been formed.',
  'The alliance was never an alliance of equals. Its supreme commander was always a Soviet marshal, and its first real operation was directed against one of its own members: in November 1956 Soviet troops crushed the Hungarian Revolution after Imre Nagy announced that Hungary would leave the pact.',
  'Albania drifted away after the quarrel with Moscow. Khrushchev toured Albania for twelve days in May 1959 and visited Tirana and the port of Vlore, yet within two years the two governments had broken off relations. Albania formally left the Warsaw Pact in September 1968.',
  'Leadership in Moscow changed in October 1964, when Leonid Brezhnev replaced Khrushchev as First Secretary. Brezhnev took the title General Secretary in April 1966. In August 1968 General Secretary Brezhnev sent Warsaw Pact troops into Czechoslovakia to end the Prague Spring; Romania refused to take part.',
  'The pact outlived the regimes that built it by only a few months. Its military structures were wound up in the spring of 1991, and the Warsaw Pact was formally dissolved in Prague on 1 July 1991. The Soviet Union itself ceased to exist in December 1991.',
  'Questions for discussion: Why did Romania stay in the pact while refusing to join its operations? What did membership give the smaller states that bilateral treaties with Moscow did not?',
];

/** Splits a paragraph into lines no wider than `width` points. */
function wrap(text, font, size, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

const doc = await PDFDocument.create();
doc.setTitle(TITLE);
doc.setAuthor('Annalist examples');
// Fixed dates keep the file byte-identical between runs.
doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
const font = await doc.embedFont(StandardFonts.Helvetica);
const bold = await doc.embedFont(StandardFonts.HelveticaBold);
const [W, H, M] = [595, 842, 60];
let page = doc.addPage([W, H]);
let y = H - M;
page.drawText(TITLE, { x: M, y, size: 15, font: bold });
y -= 32;
for (const p of PARAGRAPHS) {
  for (const l of wrap(p, font, 11, W - 2 * M)) {
    if (y < M) {
      page = doc.addPage([W, H]);
      y = H - M;
    }
    page.drawText(l, { x: M, y, size: 11, font });
    y -= 15;
  }
  y -= 9;
}
writeFileSync(new URL('../examples/lecture-handout-warsaw-pact.pdf', import.meta.url), await doc.save({ useObjectStreams: false }));
console.log('wrote examples/lecture-handout-warsaw-pact.pdf');
