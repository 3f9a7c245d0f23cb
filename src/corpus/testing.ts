/**
 * Test helpers for the corpus checks: a small fixture knowledge base of well-known facts and
 * builders for sources and check contexts. Used by `*.test.ts` only.
 */
import { makeAnnotation } from '../core/annotation.ts';
import { hashContent } from '../core/hash.ts';
import type { AnalyzedSource, Annotation } from '../core/types.ts';
import { buildKnowledgeBase, type KbFile } from '../kb/load-kb.ts';
import type { KnowledgeBase } from '../kb/types.ts';
import { assembleEvents, clusterEvents } from './cluster-events.ts';
import type { CheckContext } from './checks/common.ts';
import { indexKnowledgeBase } from './kb-index.ts';
import { buildSourceView } from './source-view.ts';
import { loadCheckVocabulary } from './vocabulary.ts';

const SRC = 'test fixture';

/** Fixture KB: a handful of Soviet and Cold War persons, offices, names, memberships and events. */
export const FIXTURE_KB_FILE: KbFile = {
  entities: [
    { id: 'Q35314', type: 'person', name: 'Nikita Khrushchev', start: '1894-04-15', end: '1971-09-11', aliases: [{ text: 'Khrushchev', kind: 'surname' }], source: SRC },
    { id: 'Q765165', type: 'person', name: 'Leonid Brezhnev', start: '1906-12-19', end: '1982-11-10', aliases: [{ text: 'Brezhnev', kind: 'surname' }], source: SRC },
    { id: 'Q855', type: 'person', name: 'Joseph Stalin', start: '1878-12-18', end: '1953-03-05', aliases: [{ text: 'Stalin', kind: 'surname' }], source: SRC },
    { id: 'Q9696', type: 'person', name: 'John F. Kennedy', start: '1917-05-29', end: '1963-11-22', aliases: [{ text: 'Kennedy', kind: 'surname' }, { text: 'JFK', kind: 'abbreviation' }], source: SRC },
    { id: 'Q9916', type: 'person', name: 'Dwight D. Eisenhower', start: '1890-10-14', end: '1969-03-28', aliases: [{ text: 'Eisenhower', kind: 'surname' }], source: SRC },
    { id: 'Q182986', type: 'person', name: 'Nikolai Bulganin', start: '1895-06-11', end: '1975-02-24', aliases: [{ text: 'Bulganin', kind: 'surname' }], source: SRC },
    { id: 'Q15031', type: 'person', name: 'Josip Broz Tito', start: '1892-05-07', end: '1980-05-04', aliases: [{ text: 'Tito', kind: 'surname' }], source: SRC },
    { id: 'Q15180', type: 'place', subtype: 'state', name: 'Soviet Union', start: '1922-12-30', end: '1991-12-26', aliases: [{ text: 'USSR', kind: 'abbreviation' }], source: SRC },
    { id: 'Q30', type: 'place', subtype: 'state', name: 'United States', aliases: [{ text: 'US', kind: 'abbreviation' }, { text: 'American', kind: 'demonym' }], source: SRC },
    { id: 'Q36', type: 'place', subtype: 'state', name: 'Poland', aliases: [], source: SRC },
    { id: 'Q41', type: 'place', subtype: 'state', name: 'Greece', aliases: [], source: SRC },
    { id: 'Q43', type: 'place', subtype: 'state', name: 'Turkey', aliases: [], source: SRC },
    { id: 'Q222', type: 'place', subtype: 'state', name: 'Albania', aliases: [], source: SRC },
    { id: 'Q83286', type: 'place', subtype: 'state', name: 'Yugoslavia', start: '1918-12-01', end: '1992-04-27', aliases: [{ text: 'FPRY', kind: 'abbreviation' }], source: SRC },
    { id: 'Q7777', type: 'organization', name: 'NATO', start: '1949-04-04', aliases: [{ text: 'North Atlantic Alliance', kind: 'full' }], source: SRC },
    { id: 'Q82512', type: 'organization', name: 'Warsaw Pact', start: '1955-05-14', end: '1991-07-01', aliases: [], source: SRC },
    { id: 'Q914', type: 'place', subtype: 'city', name: 'Volgograd', aliases: [{ text: 'Stalingrad', kind: 'former', from: '1925-04-10', to: '1961-11-10' }], source: SRC },
    { id: 'Q656', type: 'place', subtype: 'city', name: 'Saint Petersburg', aliases: [{ text: 'Leningrad', kind: 'former' }, { text: 'St Petersburg', kind: 'full' }], source: SRC },
  ],
  roles: [
    { person: 'Q855', office: 'General Secretary of the CPSU', officeKey: 'cpsu-general-secretary', from: '1922-04-03', to: '1952-10-16', source: SRC },
    { person: 'Q855', office: 'Premier of the Soviet Union', officeKey: 'ussr-premier', from: '1941-05-06', to: '1953-03-05', source: SRC },
    { person: 'Q35314', office: 'First Secretary of the CPSU', officeKey: 'cpsu-first-secretary', from: '1953-09-07', to: '1964-10-14', source: SRC },
    { person: 'Q35314', office: 'Premier of the Soviet Union', officeKey: 'ussr-premier', from: '1958-03-27', to: '1964-10-14', source: SRC },
    { person: 'Q182986', office: 'Premier of the Soviet Union', officeKey: 'ussr-premier', from: '1955-02-08', to: '1958-03-27', source: SRC },
    { person: 'Q765165', office: 'First Secretary of the CPSU', officeKey: 'cpsu-first-secretary', from: '1964-10-14', to: '1966-04-08', source: SRC },
    { person: 'Q765165', office: 'General Secretary of the CPSU', officeKey: 'cpsu-general-secretary', from: '1966-04-08', to: '1982-11-10', source: SRC },
    { person: 'Q9916', office: 'President of the United States', officeKey: 'us-president', from: '1953-01-20', to: '1961-01-20', source: SRC },
    { person: 'Q9696', office: 'President of the United States', officeKey: 'us-president', from: '1961-01-20', to: '1963-11-22', source: SRC },
    { person: 'Q15031', office: 'President of Yugoslavia', officeKey: 'yu-president', from: '1953-01-14', to: '1980-05-04', source: SRC },
  ],
  names: [
    { entity: 'Q83286', name: "Federal People's Republic of Yugoslavia", from: '1945-11-29', to: '1963-04-07', source: SRC },
    { entity: 'Q656', name: 'Petrograd', from: '1914-08-31', to: '1924-01-26', source: SRC },
    { entity: 'Q656', name: 'Leningrad', from: '1924-01-26', to: '1991-09-06', source: SRC },
    { entity: 'Q656', name: 'Saint Petersburg', to: '1914-08-31', source: SRC },
    { entity: 'Q656', name: 'Saint Petersburg', from: '1991-09-06', source: SRC },
  ],
  memberships: [
    { member: 'Q15180', org: 'Q82512', from: '1955-05-14', to: '1991-07-01', source: SRC },
    { member: 'Q36', org: 'Q82512', from: '1955-05-14', to: '1991-07-01', source: SRC },
    { member: 'Q222', org: 'Q82512', from: '1955-05-14', to: '1968-09-13', source: SRC },
    { member: 'Q41', org: 'Q7777', from: '1952-02-18', source: SRC },
    { member: 'Q43', org: 'Q7777', from: '1952-02-18', source: SRC },
  ],
  events: [
    { id: 'local:secret-speech', name: 'Secret Speech', aliases: ['On the Cult of Personality and Its Consequences'], date: '1956-02-25', class: 'statement', participants: ['Q35314'], source: SRC },
    { id: 'local:cuban-missile-crisis', name: 'Cuban Missile Crisis', date: '1962-10-16/1962-10-28', class: 'conflict', participants: ['Q15180'], source: SRC },
  ],
};

/** The fixture knowledge base. */
export function fixtureKb(): KnowledgeBase {
  return buildKnowledgeBase([structuredClone(FIXTURE_KB_FILE)]);
}

/** A source with the given text and annotations (none: the checks use their fallbacks). */
export function sourceOf(text: string, opts: { title?: string; annotations?: Annotation[] } = {}): AnalyzedSource {
  const id = hashContent(text);
  return { id, key: id, meta: { format: 'text', title: opts.title ?? `doc ${id.slice(0, 4)}` }, text, sourceMap: [], sections: [], messages: [], annotations: opts.annotations ?? [] };
}

/** A check context over sources, as `computeCorpus` builds it. */
export function contextOf(docs: AnalyzedSource[], kb: KnowledgeBase = fixtureKb()): CheckContext {
  const index = indexKnowledgeBase(kb);
  const views = docs.map((d) => buildSourceView(d, index));
  const { events, dissent } = assembleEvents(
    clusterEvents(views.flatMap((view) => view.events.map((event) => ({ view, event })))),
    index,
  );
  return { views, index, vocab: loadCheckVocabulary(), events, dissent };
}

/**
 * A source whose event layer holds one event per given sentence: the trigger word, class, agent
 * entities (mentions are added for their names) and the stated date.
 */
export function sourceWithEvents(
  title: string,
  sentences: Array<{ text: string; trigger: string; cls: string; agents: Array<[string, string]>; others?: Array<[string, string]>; edtf?: string; earliest?: string; latest?: string }>,
): AnalyzedSource {
  const text = sentences.map((s) => s.text).join(' ');
  const src = sourceOf(text, { title });
  let offset = 0;
  const anns: Annotation[] = [];
  for (const s of sentences) {
    anns.push(makeAnnotation(src.id, 'sentence', offset, offset + s.text.length, 'S', { stage: 'sentences', version: '1' }));
    const participants = [
      ...s.agents.map(([entity, name]) => ({ role: 'agent', entity, text: name })),
      ...(s.others ?? []).map(([entity, name]) => ({ role: 'patient', entity, text: name })),
    ];
    for (const p of participants) {
      const at = s.text.indexOf(p.text);
      if (at >= 0) anns.push(makeAnnotation(src.id, 'mention', offset + at, offset + at + p.text.length, 'PER', { stage: 'mentions', version: '1' }, { entity: p.entity }));
    }
    const t = s.text.indexOf(s.trigger);
    const time = s.edtf ? { edtf: s.edtf, interval: { earliest: s.earliest ?? null, latest: s.latest ?? null }, inherited: false } : { edtf: '', inherited: true };
    anns.push(makeAnnotation(src.id, 'event', offset + t, offset + t + s.trigger.length, s.cls, { stage: 'events', version: '1' }, { trigger: { start: offset + t, end: offset + t + s.trigger.length }, participants, time, polarity: 'positive', modality: 'asserted' }));
    if (s.edtf) {
      const d = s.text.search(/\d{4}/);
      if (d >= 0) anns.push(makeAnnotation(src.id, 'timex', offset + d, offset + d + 4, 'DATE', { stage: 'timex', version: '1' }, { edtf: s.edtf, interval: { earliest: s.earliest ?? null, latest: s.latest ?? null } }));
    }
    offset += s.text.length + 1;
  }
  src.annotations = anns;
  return src;
}
