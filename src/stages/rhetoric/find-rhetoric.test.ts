import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Annotation } from '../../core/types.ts';
import type { StageInput } from '../../pipeline/stage.ts';
import { prepareDoc } from './doc.ts';
import { findRhetoric } from './find-rhetoric.ts';
import { rhetoricStage } from './index.ts';
import { classifySpan, loadRhetoricModel } from './model.ts';
import { TECHNIQUES } from './techniques.ts';

// Fixture sentences written for these tests: [sentence, span, technique the model should rank first
// (or among the first `top`)].
const FAMILIES: Array<[string, string, string, number?]> = [
  ['The senator is a cowardly traitor and a puppet of foreign bankers.', 'a cowardly traitor', 'Name_Calling,Labeling'],
  ['The raid was a barbaric and horrific bloodbath.', 'barbaric and horrific bloodbath', 'Loaded_Language'],
  ['Can we really trust anything this agency says about the vaccine?', 'Can we really trust anything this agency says about the vaccine?', 'Doubt'],
  ['If the borders stay open, terrorists will flood our cities and kill our children.', 'terrorists will flood our cities and kill our children', 'Appeal_to_fear-prejudice'],
  ['Every true patriot must stand up for our great nation and its proud heritage.', 'Every true patriot must stand up for our great nation', 'Flag-Waving'],
  // Since char 4-grams cover long spans, "renowned … leading expert" also reads as a label to the
  // model (Name_Calling first, Authority third), although Authority F1 rose in cross-validation on
  // train (20 → 27.5); so only the top three are required here.
  ['According to a renowned Harvard professor and leading expert, the treatment works.', 'According to a renowned Harvard professor and leading expert', 'Appeal_to_Authority', 3],
  ['This is the worst crime in the history of the world.', 'the worst crime in the history of the world', 'Exaggeration,Minimisation'],
];

function rank(text: string, span: string): string[] {
  const start = text.indexOf(span);
  return classifySpan(prepareDoc(text), { start, end: start + span.length }, loadRhetoricModel().tc).map((r) => r.technique);
}

for (const [text, span, technique, top = 1] of FAMILIES) {
  test(`technique classification: ${technique}`, () => {
    const ranked = rank(text, span);
    if (top === 1) assert.equal(ranked[0], technique);
    else assert.ok(ranked.slice(0, top).includes(technique), `${technique} not in the first ${top}: ${ranked.slice(0, top).join(', ')}`);
  });
}

test('a short chant ranks Slogans among the two most likely techniques', () => {
  assert.ok(rank('Build the wall!', 'Build the wall!').slice(0, 2).includes('Slogans'));
});

test('a phrase repeated through an article looks more like Repetition than the same phrase once', () => {
  const once = 'The people will decide.\nThe vote is next week.\nOur movement is strong.';
  const thrice = 'Our movement is strong.\nThe vote is next week.\nOur movement is strong.\nWe march on.\nOur movement is strong.';
  const p = (text: string) => {
    const start = text.lastIndexOf('Our movement is strong');
    const r = classifySpan(prepareDoc(text), { start, end: start + 22 }, loadRhetoricModel().tc);
    return r.find((x) => x.technique === 'Repetition')!.p;
  };
  assert.ok(p(thrice) > p(once), `${p(thrice)} vs ${p(once)}`);
});

test('span identification flags loaded wording and leaves a plain report alone', () => {
  const text = 'The corrupt and treacherous regime unleashed a barbaric massacre on innocent families.\nThe committee met on Tuesday to discuss the budget for next year.';
  const found = findRhetoric('doc', text);
  const covered = ['corrupt', 'treacherous', 'barbaric'].filter((word) => {
    const at = text.indexOf(word);
    return found.some((a) => a.start <= at && a.end > at);
  });
  assert.ok(covered.length > 0, 'no loaded word is inside a found span');
  const plain = text.indexOf('The committee');
  assert.ok(found.every((a) => a.end <= plain));
  for (const a of found) {
    assert.ok((TECHNIQUES as readonly string[]).includes(a.label));
    assert.ok(typeof a.attrs.confidence === 'number' && a.attrs.confidence > 0 && a.attrs.confidence <= 1);
  }
});

test('the stage reads the sentence layer, skips chrome sections and assigns rhetoric', () => {
  const text = 'Share this page on social media now!\nThese radical thugs and traitors want to destroy our country.';
  const sentence = (start: number, end: number, section: string): Annotation => ({ id: `s${start}`, layer: 'sentence', start, end, label: 'S', attrs: { section }, provenance: { stage: 'test', version: '0' } });
  const cut = text.indexOf('\n');
  const sentences = [sentence(0, cut, 'nav'), sentence(cut + 1, text.length, 'body')];
  const input: StageInput = {
    source: {
      id: 'src1', key: 'k', meta: { format: 'text' }, text, sourceMap: [], messages: [],
      sections: [{ id: 'nav', kind: 'chrome', start: 0, end: cut }, { id: 'body', kind: 'body', start: cut + 1, end: text.length }],
    },
    annotations: sentences,
    layer: (name) => (name === 'sentence' ? sentences : []),
    resources: {},
    options: {},
  };
  const out = rhetoricStage.run(input).annotations;
  assert.ok(out.length > 0);
  assert.ok(out.every((a) => a.layer === 'rhetoric' && a.start > cut));
  assert.ok(out.some((a) => text.slice(a.start, a.end).includes('thugs')));
});

test('the fast second pass equals the generic feature lookup', async () => {
  const { stackProbabilities, stackProbabilitiesGeneric } = await import('./model.ts');
  const { emitStackFeatures } = await import('./features.ts');
  const { FeatureIndex, featureName } = await import('../../models/features.ts');
  const { makeRng } = await import('../../models/rng.ts');
  const doc = prepareDoc('They are shameless liars!\nThe report was published on Monday.\nWe must fight back now, before it is too late.');
  const rng = makeRng(9);
  const first = Float64Array.from(doc.tokens, () => rng());
  const sp = Float64Array.from(doc.sentences, () => rng());
  // A second-pass model with random weights over every feature the documents can produce.
  const names = new Set<string>();
  for (let k = 0; k < 20; k++) {
    const p = Float64Array.from(doc.tokens, () => rng());
    emitStackFeatures(doc, p, sp, (_i, _v, prefix, a, b) => names.add(featureName(prefix, a, b)));
  }
  const index = new FeatureIndex([...names]);
  const stack = {
    model: { classes: 1, features: index.size, weights: Float32Array.from(index.names, () => rng() - 0.5), bias: Float32Array.of(-0.3) },
    index,
    labels: ['propaganda'],
  };
  const fast = stackProbabilities(doc, first, sp, stack);
  const slow = stackProbabilitiesGeneric(doc, first, sp, stack);
  assert.equal(fast.length, doc.tokens.length);
  assert.ok(fast.some((p) => Math.abs(p - 0.5) > 0.01));
  fast.forEach((p, i) => assert.ok(Math.abs(p - slow[i]!) < 1e-9, `token ${i}: ${p} vs ${slow[i]}`));
});
