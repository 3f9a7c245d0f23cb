// Test fixtures for the exports: an invented, hostile little document (markup, ampersands, emoji) with every layer.
import { makeAnnotation } from '../core/annotation.ts';
import type { AnalyzedSource, Annotation, Json, Section } from '../core/types.ts';

/** Builds an annotation over the first occurrence (after `from`) of `needle` in `text` (test helper). */
function over(text: string, needle: string, layer: string, label: string, attrs: Record<string, Json | undefined> = {}, from = 0): Annotation {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`fixture: "${needle}" not in text`);
  return makeAnnotation('fixture-doc', layer, start, start + needle.length, label, { stage: layer, version: '1' }, attrs);
}

/** Section covering the first occurrence of `needle` (test helper). */
function section(text: string, id: string, kind: Section['kind'], needle: string, extra: Partial<Section> = {}): Section {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`fixture: "${needle}" not in text`);
  return { id, kind, start, end: start + needle.length, ...extra };
}

/** An invented analyzed document with a title, heading, caption, credit, chrome, a comment and all exported layers. */
export function fixtureDoc(): AnalyzedSource {
  const lines = [
    'Menu | Login',
    'The Harbour & the <Dam>',
    'By Ada Quill',
    'Mayor Bront opened the 🚢 harbour in Velmora in May 1921 & said "the <script>alert(1)</script> era is over".',
    'Later Years',
    'The harbour council met again in 1925.',
    'Photo: the quay in winter 🌊 1924.',
    'You are wrong about 1921 😀 it was 1922.',
  ];
  const text = lines.join('\n');
  const sections: Section[] = [
    section(text, 'sec-0', 'chrome', lines[0]!, { role: 'navigation' }),
    section(text, 'sec-1', 'title', lines[1]!),
    section(text, 'sec-2', 'credit', lines[2]!, { role: 'author' }),
    section(text, 'sec-3', 'body', lines[3]!),
    section(text, 'sec-4', 'heading', lines[4]!, { level: 2 }),
    section(text, 'sec-5', 'body', lines[5]!),
    section(text, 'sec-6', 'caption', lines[6]!),
    section(text, 'sec-7', 'comment', lines[7]!, { author: 'old_sailor', displayName: 'Sam & Co', time: '2022-03-05T10:00', replyTo: null, depth: 0 }),
  ];
  const mayor = over(text, 'Mayor Bront', 'mention', 'PER', { entity: 'Q999001', name: 'Bront', linkRule: 'alias-unique', linkScore: 0.9 });
  const velmora = over(text, 'Velmora', 'mention', 'LOC', { entity: 'local:velmora', name: 'Velmora', linkRule: 'local-new' });
  const council = over(text, 'harbour council', 'mention', 'ORG', {});
  const may = over(text, 'May 1921', 'timex', 'DATE', { value: '1921-05', edtf: '1921-05', interval: { earliest: '1921-05-01', latest: '1921-05-31' }, granularity: 'month' });
  const y1925 = over(text, '1925', 'timex', 'DATE', { value: '1925', edtf: '1925', interval: { earliest: '1925-01-01', latest: '1925-12-31' }, granularity: 'year' });
  const opened = over(text, 'Mayor Bront opened the 🚢 harbour in Velmora in May 1921', 'event', 'founding', {
    trigger: { start: text.indexOf('opened'), end: text.indexOf('opened') + 6 },
    participants: [{ role: 'agent', entity: 'Q999001', mention: mayor.id, text: 'Mayor Bront' }, { role: 'place', entity: 'local:velmora', mention: velmora.id, text: 'Velmora' }],
    time: { edtf: '1921-05', inherited: false, timex: may.id },
    polarity: 'positive',
    modality: 'asserted',
  });
  const said = over(text, 'said "the <script>alert(1)</script> era is over"', 'claim', 'quote', {
    speaker: 'Q999001', speakerName: 'Bront', content: { start: text.indexOf('the <script>'), end: text.indexOf(' era is over') + 12 }, checkworthiness: 0.4,
  });
  const wrong = over(text, 'You are wrong about 1921 😀 it was 1922.', 'claim', 'author-assertion', { speaker: 'commenter:old_sailor', speakerName: 'old_sailor', checkworthiness: 0.7 });
  const loaded = over(text, 'era is over', 'rhetoric', 'Loaded_Language', { confidence: 0.6 });
  const stance = over(text, lines[3]!, 'stance', 'positive', { target: 'Q999001', name: 'Bront', score: 0.5 });
  const sentence = over(text, lines[5]!, 'sentence', 'S', { section: 'sec-5' });
  return {
    id: 'fixture-doc',
    key: 'fixture-key',
    meta: { format: 'text', title: 'The Harbour & the <Dam>', author: 'Ada Quill', published: '1930-01-02', language: 'en', path: 'https://example.org/a?b=1&c=2' },
    text,
    sourceMap: [],
    sections,
    messages: [],
    annotations: [mayor, velmora, council, may, y1925, opened, said, wrong, loaded, stance, sentence],
  };
}
