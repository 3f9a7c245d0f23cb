import type { Annotation, Json, Section } from '../../core/types.ts';
import { makeAnnotation } from '../../core/annotation.ts';
import { loadKnowledgeBase } from '../../kb/load-kb.ts';
import { loadNerModel } from '../../ner/model.ts';
import type { Stage } from '../../pipeline/stage.ts';
import { findMentions, mentionCandidate, referenceAuthor, type MentionCandidate, type SpanToken } from './find-mentions.ts';
import { buildGazetteer } from './gazetteer.ts';
import { tokenRecords } from './token-records.ts';

const NAME = 'mentions';
const VERSION = '1.7.0';

/** The provenance of a candidate by how it was found, one frozen record each (shared by every annotation). */
const PROVENANCE = {
  gazetteer: Object.freeze({ stage: NAME, version: VERSION, rule: 'gazetteer' }),
  model: Object.freeze({ stage: NAME, version: VERSION, rule: 'model' }),
  'gazetteer+model': Object.freeze({ stage: NAME, version: VERSION, rule: 'gazetteer+model' }),
} as const;

/** Groups the `token` layer into sentences of tokens with their surface text (the shared `tokenRecords`). */
export function sentencesOfTokens(text: string, tokens: readonly Annotation[]): SpanToken[][] {
  const out: SpanToken[][] = [];
  const index = new Map<number, SpanToken[]>();
  const records = tokenRecords(text, tokens);
  // the tokens come sentence by sentence: the previous token's list is looked up only when the sentence changes
  let lastSentence = NaN;
  let list: SpanToken[] | undefined;
  for (let k = 0; k < records.length; k++) {
    const t = records[k]!;
    const s = t.sentence;
    if (s !== lastSentence || !list) {
      list = index.get(s);
      if (!list) {
        index.set(s, (list = []));
        out.push(list);
      }
      lastSentence = s;
    }
    list.push(t);
  }
  return out;
}

/**
 * The cited authors of a source's reference sections ("<ref>Taubman, William. Khrushchev: …"): a person
 * mention over "Surname, Given" each, instead of whatever the recognizer made of those words (a place
 * "Taubman", a place "William"). The recognizer's other names inside a reference are dropped: they are
 * words of a cited title ("… The Man and His Era"); names the knowledge base knows stay. Candidates keep
 * their text order.
 */
function withReferenceAuthors(found: MentionCandidate[], text: string, sections: readonly Section[], sentences: readonly (readonly SpanToken[])[]): MentionCandidate[] {
  const references = sections.filter((sec) => sec.kind === 'reference');
  if (references.length === 0) return found;
  const authors: MentionCandidate[] = [];
  for (const sec of references) {
    const span = referenceAuthor(text.slice(sec.start, sec.end), sec.start);
    if (!span) continue;
    const si = sentences.findIndex((s) => s.length > 0 && s[0]!.start <= span.start && span.end <= s[s.length - 1]!.end);
    if (si < 0) continue;
    const from = sentences[si]!.findIndex((t) => t.start >= span.start);
    let to = from;
    while (to < sentences[si]!.length && sentences[si]![to]!.end <= span.end) to++;
    if (from < 0 || to <= from) continue;
    authors.push(mentionCandidate(span.start, span.end, si, from, to, 'PER', 'model', [], 'PER', undefined));
  }
  const inReference = (m: MentionCandidate) => references.some((sec) => sec.start <= m.start && m.end <= sec.end);
  const kept = found.filter((m) => !authors.some((a) => a.start < m.end && m.start < a.end) && !(m.found === 'model' && inReference(m)));
  return [...kept, ...authors].sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Stage `mentions`: recognizes names (gazetteer over the knowledge base + statistical recognizer) and
 * writes them as `mention-candidate` annotations (label PER/ORG/LOC/GRP/MISC; attrs `found`,
 * `candidates` [{entity, kind, needsContext?}], `sentence`, `from`, `to`, `modelLabel?` (the
 * recognizer's type for the same span), `nested?` (inside a title form such as "Marshal Tito")). The `link` stage turns them
 * into the final `mention` layer. Options: `model: false` disables the recognizer.
 */
export const mentionsStage: Stage = {
  name: NAME,
  version: VERSION,
  requires: ['token'],
  assigns: ['mention-candidate'],
  run({ source, layer, resources, options }) {
    const kb = resources.kb ?? loadKnowledgeBase();
    const model = options.model === false ? null : loadNerModel();
    const sentences = sentencesOfTokens(source.text, layer('token'));
    const found = withReferenceAuthors(findMentions(sentences, { gazetteer: buildGazetteer(kb), model }), source.text, source.sections, sentences);
    const annotations: Annotation[] = [];
    for (let k = 0; k < found.length; k++) {
      const m = found[k]!;
      // attrs in a fixed key order, the optional ones only when set (no spread of a temporary object)
      const attrs: Record<string, Json | undefined> = { found: m.found, sentence: m.sentence, from: m.from, to: m.to, candidates: m.candidates as unknown as Json };
      if (m.modelLabel) attrs.modelLabel = m.modelLabel;
      if (m.nested) attrs.nested = true;
      annotations.push(makeAnnotation(source.id, 'mention-candidate', m.start, m.end, m.label, PROVENANCE[m.found], attrs));
    }
    return { annotations };
  },
};
