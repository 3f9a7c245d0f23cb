/**
 * A small hand-written corpus for API, browser and bench tests: fictional people and places,
 * sentences written for the project, annotations placed by string search, and corpus records.
 * Nothing here goes through the analysis stages, so tests do not move when the stages change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeAnnotation } from '../core/annotation.ts';
import { hashContent } from '../core/hash.ts';
import type { AnalyzedSource, Annotation, Json, Section } from '../core/types.ts';
import { Store } from '../store/store.ts';

const PROV = { stage: 'fixture', version: '1' };

/** Finds the n-th occurrence of `needle` in `text` as a span; throws if absent (a broken fixture). */
export function spanOf(text: string, needle: string, nth = 0): { start: number; end: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`fixture: "${needle}" not found`);
  }
  return { start: at, end: at + needle.length };
}

/** Builds an analyzed source from text, sections and annotations given as (needle, layer, label, attrs). */
function doc(
  title: string,
  text: string,
  sections: Section[],
  marks: Array<[string, string, string, Record<string, Json | undefined>?, number?]>,
): AnalyzedSource {
  const id = hashContent(text);
  const annotations: Annotation[] = marks.map(([needle, layer, label, attrs, nth]) => {
    const s = spanOf(text, needle, nth ?? 0);
    return makeAnnotation(id, layer, s.start, s.end, label, PROV, attrs ?? {});
  });
  return {
    id,
    key: hashContent(`fixture:${title}`),
    meta: { title, format: 'text', path: `fixture:${title}` },
    text,
    sourceMap: [[0, 0]],
    sections: sections.length ? sections : [{ id: 'sec-0', kind: 'body', start: 0, end: text.length }],
    messages: [],
    annotations,
  };
}

/** The chronicle: a council meeting and a promise. */
export const CHRONICLE_TEXT =
  'The Harbor Council met in Brennick on 3 May 1921. Mayor Ilse Varga said the new quay would open in June. ' +
  'Critics called the plan a reckless gamble that would ruin the town.';

/** The letter: the opening, dated differently. */
export const LETTER_TEXT =
  'Ilse Varga opened the quay on 14 August 1921, two months late. According to the clerk Tomas Brenn, the council never approved the budget.';

/** A page with chrome and a comment thread. */
export const FORUM_TITLE = 'Forum: the quay debate';
const FORUM_BODY = 'The quay opened in the summer of 1921 after a long quarrel in the Harbor Council.';
const FORUM_CHROME = 'Menu | Subscribe now | Cookie settings';
const FORUM_C1 = 'I remember the opening day, it rained the whole time.';
const FORUM_C2 = 'My grandfather worked on that quay and never got paid.';
/** Text of the forum page: body, chrome line, two comments. */
export const FORUM_TEXT = `${FORUM_BODY}\n${FORUM_CHROME}\n${FORUM_C1}\n${FORUM_C2}`;

/** A hostile document: markup that must stay inert text in every view. */
export const HOSTILE_TEXT =
  'Hostile test page. <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> ' +
  '<a href="javascript:window.__pwned = 3">click me</a> <svg onload="window.__pwned = 4"><script>window.__pwned = 5</script></svg> ' +
  'The Harbor Council met again.';

/** Entity ids of the fixture corpus. */
export const IDS = { varga: 'local:ilse-varga', council: 'local:harbor-council', brennick: 'local:brennick', brenn: 'local:tomas-brenn' };

/** Builds the fixture documents (with their annotations). */
export function fixtureDocuments(): AnalyzedSource[] {
  const mention = (entity: string, name: string) => ({ entity, name });
  const chronicle = doc('Chronicle of Brennick', CHRONICLE_TEXT, [], [
    ['Harbor Council', 'mention', 'ORG', mention(IDS.council, 'Harbor Council')],
    ['Brennick', 'mention', 'LOC', mention(IDS.brennick, 'Brennick')],
    ['Ilse Varga', 'mention', 'PER', mention(IDS.varga, 'Ilse Varga')],
    ['3 May 1921', 'timex', 'DATE', { value: '1921-05-03', edtf: '1921-05-03', interval: { earliest: '1921-05-03', latest: '1921-05-03' } }],
    ['June', 'timex', 'DATE', { value: '1921-06', edtf: '1921-06', interval: { earliest: '1921-06-01', latest: '1921-06-30' } }],
    ['met', 'event', 'meeting', { trigger: { start: 0, end: 0 }, participants: [{ role: 'agent', entity: IDS.council, text: 'Harbor Council' }], time: { edtf: '1921-05-03', interval: { earliest: '1921-05-03', latest: '1921-05-03' }, inherited: false } }],
    ['said the new quay would open in June', 'claim', 'reported', { speaker: IDS.varga, speakerName: 'Ilse Varga', checkworthiness: 0.8 }],
    ['a reckless gamble that would ruin the town', 'rhetoric', 'Loaded_Language', { confidence: 0.7 }],
    ['Critics called the plan a reckless gamble', 'stance', 'negative', { target: IDS.varga, score: -0.6 }],
    ['Mayor Ilse Varga said', 'stance', 'positive', { target: IDS.council, score: 0.3 }],
  ]);
  const letter = doc('Letter from the clerk', LETTER_TEXT, [], [
    ['Ilse Varga', 'mention', 'PER', mention(IDS.varga, 'Ilse Varga')],
    ['Tomas Brenn', 'mention', 'PER', mention(IDS.brenn, 'Tomas Brenn')],
    ['council', 'mention', 'ORG', mention(IDS.council, 'Harbor Council')],
    ['14 August 1921', 'timex', 'DATE', { value: '1921-08-14', edtf: '1921-08-14', interval: { earliest: '1921-08-14', latest: '1921-08-14' } }],
    ['opened', 'event', 'founding', { participants: [{ role: 'agent', entity: IDS.varga, text: 'Ilse Varga' }], time: { edtf: '1921-08-14', interval: { earliest: '1921-08-14', latest: '1921-08-14' }, inherited: false } }],
    ['the council never approved the budget', 'claim', 'reported', { speaker: IDS.brenn, speakerName: 'Tomas Brenn', checkworthiness: 0.9 }],
    ['Ilse Varga opened the quay', 'stance', 'negative', { target: IDS.varga, score: -0.2 }],
  ]);
  const fs = (kind: Section['kind'], needle: string, extra: Partial<Section> = {}, i = 0): Section => ({ id: `sec-${kind}-${i}`, kind, ...spanOf(FORUM_TEXT, needle), ...extra });
  const forum = doc(
    FORUM_TITLE,
    FORUM_TEXT,
    [
      fs('body', FORUM_BODY),
      fs('chrome', FORUM_CHROME, { role: 'navigation' }),
      fs('comment', FORUM_C1, { author: 'harbor_fan', time: '2019-04-02T10:15', depth: 0, replyTo: null }, 1),
      fs('comment', FORUM_C2, { author: 'old_docker', time: '2019-04-02T11:40', depth: 1, replyTo: 0 }, 2),
    ],
    [
      ['Harbor Council', 'mention', 'ORG', mention(IDS.council, 'Harbor Council')],
      ['summer of 1921', 'timex', 'DATE', { value: '1921-SU', edtf: '1921-22', interval: { earliest: '1921-06-01', latest: '1921-08-31' } }],
      ['opened', 'event', 'founding', { participants: [], time: { edtf: '1921-22', interval: { earliest: '1921-06-01', latest: '1921-08-31' }, inherited: false } }],
      ['never got paid', 'claim', 'author-assertion', { speaker: 'commenter:old_docker', speakerName: 'old_docker' }],
    ],
  );
  const hostile = doc('<img src=x onerror="window.__pwned = 9">Hostile', HOSTILE_TEXT, [], [
    ['<script>window.__pwned = 1</script>', 'rhetoric', 'Doubt', { confidence: 0.5 }],
    ['Harbor Council', 'mention', 'ORG', mention(IDS.council, 'Harbor Council')],
  ]);
  return [chronicle, letter, forum, hostile];
}

/** Corpus records (entities, events, relations, conflicts) over the fixture documents. */
export function fixtureCorpus(docs: AnalyzedSource[]): Record<'entity' | 'event' | 'relation' | 'conflict', Array<{ id: string } & Record<string, unknown>>> {
  const [chronicle, letter, forum] = docs as [AnalyzedSource, AnalyzedSource, AnalyzedSource];
  const ann = (d: AnalyzedSource, layer: string, i = 0) => d.annotations.filter((a) => a.layer === layer)[i]!;
  const entities = [
    { id: IDS.varga, name: 'Ilse Varga', type: 'person', local: true },
    { id: IDS.council, name: 'Harbor Council', type: 'organization', local: true },
    { id: IDS.brennick, name: 'Brennick', type: 'place', local: true },
    { id: IDS.brenn, name: 'Tomas Brenn', type: 'person', local: true },
  ].map((e) => ({
    ...e,
    mentions: docs.flatMap((d) => d.annotations.filter((a) => a.layer === 'mention' && a.attrs.entity === e.id).map((a) => ({ source: d.id, annotation: a.id }))),
  }));
  const promise = spanOf(CHRONICLE_TEXT, 'would open in June');
  const opened = spanOf(LETTER_TEXT, 'opened the quay on 14 August 1921');
  const events = [
    {
      id: 'ev:meeting-1921-05',
      class: 'meeting',
      label: 'Harbor Council meets in Brennick',
      interval: { earliest: '1921-05-03', latest: '1921-05-03' },
      edtf: '1921-05-03',
      support: [{ source: chronicle.id, annotation: ann(chronicle, 'event').id, edtf: '1921-05-03', text: 'met' }],
      participants: [IDS.council, IDS.varga],
      conflicts: [],
    },
    {
      id: 'ev:quay-opening',
      class: 'founding',
      label: 'The quay opens',
      interval: { earliest: '1921-06-01', latest: '1921-08-31' },
      edtf: '1921-22',
      support: [
        { source: letter.id, annotation: ann(letter, 'event').id, edtf: '1921-08-14', text: 'opened' },
        { source: forum.id, annotation: ann(forum, 'event').id, edtf: '1921-22', text: 'opened' },
      ],
      participants: [IDS.varga],
      conflicts: ['conflict:opening-date'],
    },
  ];
  const relations = [
    { id: 'rel:varga-council', type: 'member-of', from: IDS.varga, to: IDS.council, interval: { earliest: '1921-01-01', latest: '1921-12-31' }, evidence: [{ source: chronicle.id, annotation: ann(chronicle, 'mention', 2).id }] },
    { id: 'rel:brenn-council', type: 'member-of', from: IDS.brenn, to: IDS.council, interval: { earliest: '1925-01-01', latest: '1925-12-31' }, evidence: [{ source: letter.id, annotation: ann(letter, 'mention', 1).id }] },
  ];
  const conflicts = [
    {
      id: 'conflict:opening-date',
      kind: 'date-mismatch',
      severity: 'medium',
      explanation: 'The chronicle has the quay opening in June 1921; the letter dates the opening to 14 August 1921.',
      evidence: [
        { source: chronicle.id, ...promise, text: CHRONICLE_TEXT.slice(promise.start, promise.end) },
        { source: letter.id, ...opened, text: LETTER_TEXT.slice(opened.start, opened.end) },
      ],
      facts: [],
      event: 'ev:quay-opening',
    },
  ];
  return { entity: entities, event: events, relation: relations, conflict: conflicts };
}

/** Stores the fixture documents and corpus records into a store; returns the documents. */
export function fillFixtureStore(store: Store): AnalyzedSource[] {
  const docs = fixtureDocuments();
  for (const d of docs) store.putDocument(d, { fixture: '1' });
  const corpus = fixtureCorpus(docs);
  for (const [kind, records] of Object.entries(corpus)) store.replaceCorpus(kind, records);
  return docs;
}

/** A store in a fresh temp folder, filled with the fixture corpus unless `empty`; `dispose` closes and deletes it. */
export function makeFixtureStore(opts: { empty?: boolean } = {}): { store: Store; dir: string; file: string; docs: AnalyzedSource[]; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'annalist-fixture-'));
  const file = join(dir, 'test.db');
  const store = new Store(file);
  const docs = opts.empty ? [] : fillFixtureStore(store);
  return {
    store,
    dir,
    file,
    docs,
    dispose() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Inserts a synthetic corpus of `n` events (spread over 1800–2000, a tenth of them approximate,
 * participants drawn from `n / 20` actors) and matching relations straight into the store, for
 * load tests. Deterministic: a linear congruential generator seeded with 1.
 */
export function insertSyntheticCorpus(store: Store, n: number, sourceIds: string[]): void {
  let seed = 1;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const actors = Math.max(10, Math.floor(n / 20));
  const classes = ['meeting', 'appointment', 'removal', 'treaty', 'visit', 'conflict', 'statement', 'decision'];
  const entities = Array.from({ length: actors }, (_, i) => ({ id: `local:actor-${i}`, name: `Actor ${i}`, type: i % 3 ? 'person' : 'organization', local: true, mentions: [] }));
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const events = Array.from({ length: n }, (_, i) => {
    const day = new Date(Date.UTC(1800, 0, 1) + Math.floor(rnd() * 200 * 365.25) * 86400000);
    const approx = i % 10 === 0;
    const end = approx ? new Date(day.getTime() + 364 * 86400000) : day;
    const a = Math.floor(rnd() * actors);
    const b = Math.floor(rnd() * actors);
    const source = sourceIds.length ? sourceIds[i % sourceIds.length]! : 'none';
    return {
      id: `ev:synthetic-${i}`,
      class: classes[i % classes.length]!,
      label: `Synthetic event ${i}`,
      interval: { earliest: iso(day), latest: iso(end) },
      edtf: approx ? `${day.getUTCFullYear()}~` : iso(day),
      support: [{ source, annotation: 'none', edtf: iso(day), text: `event ${i}` }],
      participants: a === b ? [`local:actor-${a}`] : [`local:actor-${a}`, `local:actor-${b}`],
      conflicts: i % 97 === 0 ? [`conflict:synthetic-${i}`] : [],
    };
  });
  const relations = events
    .filter((e) => e.participants.length === 2)
    .slice(0, n / 2)
    .map((e, i) => ({ id: `rel:synthetic-${i}`, type: ['met', 'allied-with', 'in-conflict-with', 'member-of'][i % 4]!, from: e.participants[0]!, to: e.participants[1]!, interval: e.interval, evidence: e.support.map((s) => ({ source: s.source, annotation: 'none' })) }));
  store.replaceCorpus('entity', entities);
  store.replaceCorpus('event', events);
  store.replaceCorpus('relation', relations);
}
