import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareDoc } from './doc.ts';
import { classifySpan, decodeSpans, detectRhetoric, hasWordChar, loadRhetoricModel, pairRowOf, pairTable, predictEmitted, sentenceProbabilities, sentenceProbabilitiesGeneric, tokenProbabilities, type LoadedLinear } from './model.ts';
import { initTokenNet, mixWithinSentences, sentenceNetLogits, sentenceNetProbabilities, tokenNetLogits } from './token-net.ts';
import { emitSpanFeatures, emitTokenFeatures } from './features.ts';
import { sigmoid } from '../../models/linear.ts';
import { NestedFeatureIndex, WordIdFeatureIndex } from '../../models/features.ts';
import type { RhetoricDoc } from './doc.ts';
import { loadWordVectors } from './embeddings.ts';
import { TOKEN_VECTOR_PREFIXES, tokenVectorValues } from './token-vectors.ts';

const text = [
  'The corrupt elite have betrayed every honest worker in this great nation!',
  'Is anyone surprised that they lied again? Nobody believes their shameful story.',
  'Our brave people will never surrender, never, never, never.',
  'A "so-called expert" said the plan was a total disaster.',
].join('\n');

/** Token probabilities by plain per-token feature maps (every feature looked up by its full name). */
function tokenProbabilitiesByName(doc: RhetoricDoc, si: LoadedLinear, sentenceProbs: Float64Array): Float64Array {
  const nested = new NestedFeatureIndex(si.index);
  const z = new Float64Array(doc.tokens.length).fill(si.model.bias[0]!);
  emitTokenFeatures(doc, (i, value, prefix, a, b) => {
    const f = nested.get(prefix, a, b);
    if (f >= 0) z[i] += si.model.weights[f]! * value;
  }, sentenceProbs);
  // Word-vector features, named `<prefix>\t<dimension>` in the order of `tokenVectorValues`.
  if (TOKEN_VECTOR_PREFIXES.some((prefix) => nested.get(prefix, '0') >= 0)) {
    const vectors = loadWordVectors();
    tokenVectorValues(doc, vectors).forEach((values, i) => {
      values.forEach((value, k) => {
        const f = nested.get(TOKEN_VECTOR_PREFIXES[Math.floor(k / vectors.dims)]!, String(k % vectors.dims));
        if (f >= 0) z[i] += si.model.weights[f]! * value;
      });
    });
  }
  return z.map(sigmoid);
}

test('sentence probabilities through word ids equal the generic lookup exactly', () => {
  const model = loadRhetoricModel();
  const doc = prepareDoc(text);
  assert.deepEqual(Array.from(sentenceProbabilities(doc, model.sent)), Array.from(sentenceProbabilitiesGeneric(doc, model.sent)));
});

test('token probabilities through word ids match per-token feature lookups', () => {
  const model = loadRhetoricModel();
  const doc = prepareDoc(text);
  const sp = sentenceProbabilities(doc, model.sent);
  const fast = tokenProbabilities(doc, model.si, sp);
  const slow = tokenProbabilitiesByName(doc, model.si, sp);
  assert.equal(fast.length, doc.tokens.length);
  // Summation order differs from the per-token maps, so allow rounding only.
  for (let i = 0; i < fast.length; i++) assert.ok(Math.abs(fast[i]! - slow[i]!) < 1e-6, `token ${i}: ${fast[i]} vs ${slow[i]}`);
});

test('technique probabilities with embedding rows equal the generic lookup of all features', () => {
  const model = loadRhetoricModel();
  const vectors = model.tc.vectors?.();
  if (!vectors) return;
  const doc = prepareDoc(text);
  const start = text.indexOf('shameful story');
  const span = { start, end: start + 'shameful story'.length };
  const fast = classifySpan(doc, span, model.tc, [span]);
  const slow = predictEmitted(model.tc, (emit) => emitSpanFeatures(doc, span, emit, [span], undefined, vectors));
  for (const { technique, p } of fast) assert.ok(Math.abs(p - slow[model.tc.labels.indexOf(technique)]!) < 1e-9, technique);
});

test('spans and techniques of a document do not depend on the documents seen before (per-word caches)', () => {
  const model = loadRhetoricModel();
  const other = 'Shameful lies from a corrupt and rotten elite, again and again!\nThe brave workers will never forget.';
  const cold = detectRhetoric(prepareDoc(text), model);
  detectRhetoric(prepareDoc(other), model);
  const warm = detectRhetoric(prepareDoc(text), model);
  assert.deepEqual(warm, cold);
  assert.deepEqual(detectRhetoric(prepareDoc(other), model), detectRhetoric(prepareDoc(other), model));
});

test('with sentFeed the token models (or the token network alone) read the sentence network probabilities instead of the sentence model', () => {
  const model = loadRhetoricModel();
  if (!model.net) return;
  const vectors = loadWordVectors();
  const doc = prepareDoc(text);
  // An untrained sentence scorer: its probabilities (near 0.5) differ from the sentence model's.
  const sentNet = { net: initTokenNet({ dims: vectors.dims, proj: 4, window: 1, hidden: 4, hidden2: 2 }, 3), mix: 0 };
  const linear = sentenceProbabilities(doc, model.sent);
  const fedProbs = sentenceNetProbabilities(sentenceNetLogits(sentNet.net, doc, vectors, linear));
  const spansOf = (sentProbs: Float64Array, netSentProbs = sentProbs) => {
    const first = tokenProbabilities(doc, model.si, sentProbs);
    const within = mixWithinSentences(doc, first, tokenNetLogits(model.net!.net, doc, vectors, netSentProbs), model.net!.mix);
    return decodeSpans(doc, within, model.decode).map((s) => [s.start, s.end, s.confidence]);
  };
  const pick = (spans: ReturnType<typeof detectRhetoric>) => spans.map((s) => [s.start, s.end, s.confidence]);
  // Without sentFeed and at gamma 0 the sentence network changes nothing.
  assert.deepEqual(pick(detectRhetoric(doc, { ...model, sentNet })), pick(detectRhetoric(doc, model)));
  assert.deepEqual(pick(detectRhetoric(doc, { ...model, sentNet, sentFeed: 'all' })), spansOf(fedProbs));
  assert.notDeepEqual(spansOf(fedProbs), spansOf(linear));
  // `net`: only the token network reads them.
  assert.deepEqual(pick(detectRhetoric(doc, { ...model, sentNet, sentFeed: 'net' })), spansOf(linear, fedProbs));
  assert.notDeepEqual(spansOf(linear, fedProbs), spansOf(linear));
});

test('hasWordChar agrees with the letter-or-digit regular expression', () => {
  const re = /[\p{L}\p{N}]/u;
  const samples = ['a', 'Z', '0', '9', '.', '!', '"', "'", '-', '`', '~', ' ', '', '--', '...', '-a', '.5', 'é', 'Ünï', '—', '“', '😀', '𝐀', '½', '٣', '中', '‘x', '¿?'];
  for (let c = 0; c < 0x3000; c += 7) samples.push(String.fromCharCode(c), String.fromCharCode(c) + '!', '!' + String.fromCharCode(c));
  for (const t of samples) assert.equal(hasWordChar(t), re.test(t), JSON.stringify(t));
});

test('the word-pair hash tables give the rows of WordIdFeatureIndex.pairLookup', () => {
  const model = loadRhetoricModel();
  for (const [m, prefix] of [[model.sent, 'b'], [model.si, 'b-'], [model.si, 'b+']] as const) {
    const ix = new WordIdFeatureIndex(m.index);
    const slow = ix.pairLookup(prefix);
    const table = pairTable(m, prefix);
    let found = 0;
    m.index.names.forEach((name, row) => {
      const parts = name.split('\t');
      if (parts.length !== 3 || parts[0] !== prefix) return;
      const a = ix.wordId(parts[1]!);
      const b = ix.wordId(parts[2]!);
      assert.equal(pairRowOf(table, a, b), row);
      assert.equal(slow(a, b), row);
      // The pair the other way round, and pairs with an unknown word, agree too (mostly absent).
      assert.equal(pairRowOf(table, b, a), slow(b, a));
      assert.equal(pairRowOf(table, a, -1), -1);
      found++;
    });
    assert.ok(found > 100, `${prefix}: ${found} pairs`);
    for (let a = 0; a < 300; a++) for (let b = 0; b < 300; b += 7) assert.equal(pairRowOf(table, a, b), slow(a, b));
  }
});

test('token probabilities through shape tables equal the feature emitter exactly', () => {
  const model = loadRhetoricModel();
  const texts = [
    text,
    'BREAKING: "They LIED," said O\'Brien. \'Never again!\' 42 people agreed?\nNo.\n"Quote" "in" "quote" ... 3.5 % of ALL voters!!!',
    'Short.\nA line with the the the repeated repeated word word word word and more more more.',
    // 100 and 3 tokens: positions on the early / mid / late edges (33/100, 66/100, 1/3, 2/3).
    Array.from({ length: 100 }, (_, i) => ['Word', 'word', '"', '7', 'WORD', ','][i % 6]).join(' ') + '\nOne two three',
  ];
  for (const t of texts) {
    const doc = prepareDoc(t);
    const sp = sentenceProbabilities(doc, model.sent);
    assert.deepEqual(Array.from(tokenProbabilities(doc, model.si, sp)), Array.from(tokenProbabilities(doc, model.si, sp, true)));
    // Other sentence probabilities reach other `sp=` buckets.
    const flat = sp.map((_, s) => (s * 0.37) % 1);
    assert.deepEqual(Array.from(tokenProbabilities(doc, model.si, flat)), Array.from(tokenProbabilities(doc, model.si, flat, true)));
  }
});
