import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation, Section } from '../../core/types.ts';
import { buildProfile, formatProfile } from './build-profile.ts';
import { findStances } from './find-stance.ts';
import { loadStanceLexicon } from './lexicon.ts';

// Fixture layers written by hand: sentences split on ". ", mentions found by name.
const ENTITIES: Record<string, string> = { 'Governor Hale': 'local:hale', Hale: 'local:hale', 'Senator Voss': 'local:voss', Voss: 'local:voss' };

function ann(layer: string, start: number, end: number, label: string, attrs: Annotation['attrs'] = {}): Annotation {
  return { id: `${layer}:${start}:${end}`, layer, start, end, label, attrs, provenance: { stage: 'fixture', version: '0' } };
}

function layers(text: string, sections: Section[], rhetoric: Array<[string, string]> = []) {
  const sentences: Annotation[] = [];
  const re = /[^.!?]+[.!?]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    sentences.push(ann('sentence', start, m.index + m[0].length, 'S'));
  }
  const mentions: Annotation[] = [];
  for (const name of Object.keys(ENTITIES).sort((a, b) => b.length - a.length)) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      if (mentions.some((m) => m.start <= i && i < m.end)) continue;
      mentions.push(ann('mention', i, i + name.length, 'PER', { entity: ENTITIES[name]!, name }));
    }
  }
  const rh = rhetoric.map(([label, span]) => {
    const i = text.indexOf(span);
    return ann('rhetoric', i, i + span.length, label, { confidence: 0.8 });
  });
  return { sourceId: 'src', text, sections, sentences, mentions: mentions.sort((a, b) => a.start - b.start), rhetoric: rh };
}

const body = (text: string): Section[] => [{ id: 'b0', kind: 'body', start: 0, end: text.length }];
const stanceOf = (out: Annotation[], target: string) => out.find((a) => a.attrs.target === target);

test('name calling and insults make the stance toward their target negative, praise positive', () => {
  const text = 'Governor Hale is a corrupt crook and a liar. Senator Voss, meanwhile, is an honest and decent reformer.';
  const out = findStances(layers(text, body(text), [['Name_Calling,Labeling', 'a corrupt crook']]), loadStanceLexicon());
  const hale = stanceOf(out, 'local:hale')!;
  const voss = stanceOf(out, 'local:voss')!;
  assert.equal(hale.label, 'negative');
  assert.equal(voss.label, 'positive');
  assert.ok(Number(hale.attrs.score) < 0 && Number(voss.attrs.score) > 0);
  const evidence = hale.attrs.evidence as Array<{ start: number; end: number; label: string }>;
  assert.ok(evidence.some((e) => e.label === 'Name_Calling,Labeling' && text.slice(e.start, e.end) === 'a corrupt crook'));
  assert.ok(evidence.some((e) => text.slice(e.start, e.end) === 'liar'));
  assert.deepEqual(hale.attrs.techniques, { 'Name_Calling,Labeling': 1 });
  assert.equal(hale.layer, 'stance');
  assert.notEqual(hale.id, voss.id);
});

test('a technique the rhetoric model is unsure of weighs less against its target', () => {
  const text = 'Governor Hale is a Beltway weasel.';
  const weightAt = (sure: number) => {
    const l = layers(text, body(text), [['Name_Calling,Labeling', 'a Beltway weasel']]);
    l.rhetoric[0]!.attrs.techniqueConfidence = sure;
    const hale = stanceOf(findStances(l, loadStanceLexicon()), 'local:hale')!;
    return (hale.attrs.evidence as Array<{ label: string; weight: number }>).find((e) => e.label === 'Name_Calling,Labeling')!.weight;
  };
  const sure = weightAt(0.9);
  const unsure = weightAt(0.2);
  assert.ok(sure < 0 && unsure < 0, 'both count against Hale');
  assert.ok(Math.abs(unsure) < Math.abs(sure) / 3, `${unsure} vs ${sure}`);
});

test('name calling counts against its target even with words the lexicon does not know', () => {
  const text = 'Governor Hale is a Beltway weasel.';
  const out = findStances(layers(text, body(text), [['Name_Calling,Labeling', 'a Beltway weasel']]), loadStanceLexicon());
  assert.equal(stanceOf(out, 'local:hale')!.label, 'negative');
  const plain = findStances(layers(text, body(text)), loadStanceLexicon());
  assert.equal(stanceOf(plain, 'local:hale')!.label, 'neutral');
});

test('negation turns praise into criticism', () => {
  const text = 'Governor Hale was never a hero and never honest.';
  assert.equal(stanceOf(findStances(layers(text, body(text)), loadStanceLexicon()), 'local:hale')!.label, 'negative');
});

test('a pronoun sentence speaks of the entity named just before it', () => {
  const text = 'Governor Hale arrived in the capital. His critics call him a tyrant and a butcher.';
  assert.equal(stanceOf(findStances(layers(text, body(text)), loadStanceLexicon()), 'local:hale')!.label, 'negative');
});

test('a commenter profile shows whom each commenter praises and condemns', () => {
  const article = 'Senator Voss spoke at the plant on Monday.';
  const c1 = 'Voss is a brave and honest leader.';
  const c2 = 'Voss is a liar and a fraud.';
  const text = `${article}\n${c1}\n${c2}`;
  const a = article.length + 1;
  const b = a + c1.length + 1;
  const sections: Section[] = [
    { id: 'body', kind: 'body', start: 0, end: article.length },
    { id: 'c1', kind: 'comment', author: 'ann_k', start: a, end: a + c1.length },
    { id: 'c2', kind: 'comment', author: 'bob77', start: b, end: b + c2.length },
  ];
  const out = findStances(layers(text, sections), loadStanceLexicon());
  const profile = buildProfile('src', text, out);
  assert.deepEqual(profile.commenters.map((c) => c.voice), ['commenter:ann_k', 'commenter:bob77']);
  const ann_ = profile.commenters[0]!.targets.find((t) => t.target === 'local:voss')!;
  const bob = profile.commenters[1]!.targets.find((t) => t.target === 'local:voss')!;
  assert.equal(ann_.polarity, 'positive');
  assert.equal(bob.polarity, 'negative');
  assert.ok(bob.evidence.some((e) => e.text === 'liar'));
  assert.equal(profile.source.targets.find((t) => t.target === 'local:voss')!.polarity, 'neutral');
  const printed = formatProfile(profile);
  assert.match(printed, /Commenter bob77[\s\S]*negative/);
});

test('the stance stage reads sentence, mention and rhetoric layers from its input', async () => {
  const { stanceStage } = await import('./index.ts');
  const text = 'Governor Hale is a Beltway weasel.';
  const l = layers(text, body(text), [['Name_Calling,Labeling', 'a Beltway weasel']]);
  const byLayer: Record<string, Annotation[]> = { sentence: l.sentences, mention: l.mentions, rhetoric: l.rhetoric };
  const out = stanceStage.run({
    source: { id: 'src', key: 'k', meta: { format: 'text' }, text, sourceMap: [], messages: [], sections: body(text) },
    annotations: Object.values(byLayer).flat(),
    layer: (name) => byLayer[name] ?? [],
    resources: {},
    options: {},
  }).annotations;
  assert.equal(out.length, 1);
  assert.equal(out[0]!.label, 'negative');
  assert.equal(out[0]!.attrs.section, 'b0');
  assert.deepEqual([out[0]!.start, out[0]!.end], [0, text.length]);
});

test('an evaluation verb counts toward its object, not its subject', () => {
  const text = 'Senator Voss met the press. Governor Hale praised her courage.';
  const out = findStances(layers(text, body(text)), loadStanceLexicon());
  assert.equal(stanceOf(out, 'local:voss')!.label, 'positive');
  assert.equal(stanceOf(out, 'local:hale')!.label, 'neutral');
});
