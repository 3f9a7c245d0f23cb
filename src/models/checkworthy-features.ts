import { addFeature, type NamedFeatures } from './features.ts';
import { tokenizeWords } from './tokenize.ts';

/**
 * Features of one sentence for check-worthiness: words and bigrams (numbers folded to `<num>`),
 * numbers, money and percentages, length, question form. Reads only the text.
 */
export function checkworthyFeatures(text: string): NamedFeatures {
  const f: NamedFeatures = new Map([['bias', 1]]);
  const words = tokenizeWords(text).map((t) => (/^\p{N}/u.test(t.norm) ? '<num>' : t.norm));
  for (let i = 0; i < words.length; i++) {
    addFeature(f, `w=${words[i]}`, 1);
  }
  for (const [k, v] of f) if (k !== 'bias') f.set(k, Math.min(v, 2) * 0.3);
  if (words.length) f.set(`first=${words[0]}`, 1);
  const len = words.length;
  f.set(`len=${len <= 4 ? 'xs' : len <= 10 ? 's' : len <= 25 ? 'm' : len <= 45 ? 'l' : 'xl'}`, 1);
  if (/\d/.test(text)) f.set('digit', 1);
  if (/\d{4}/.test(text)) f.set('year-like', 1);
  if (/%|\bpercent\b/i.test(text)) f.set('percent', 1);
  if (/[$€£]|\b(?:dollars?|million|billion|trillion)\b/i.test(text)) f.set('money', 1);
  if (/\?\s*$/.test(text)) f.set('question', 1);
  if (/\b(?:more|less|fewer|most|least|highest|lowest|largest|biggest|increase[ds]?|decrease[ds]?|doubled|tripled|cut|raised)\b/i.test(text)) f.set('compare', 1);
  return f;
}
