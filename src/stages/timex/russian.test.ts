/**
 * Russian temporal expressions through the same engine with `data/timex/ru.json`. The sentences
 * are written for these tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Source } from '../../core/types.ts';
import { runStages } from '../../pipeline/run-stages.ts';
import { sentencesStage } from '../sentences/index.ts';
import { findTimexes } from './find-timexes.ts';
import { timexStage } from './index.ts';
import { timexLanguage } from './load-rules.ts';
import { toTimeMLTimexes } from './to-timeml.ts';
import type { Timex } from './types.ts';

function one(list: Timex[], text: string): Timex {
  const hits = list.filter((t) => t.text === text);
  assert.equal(hits.length, 1, `expected one "${text}" in ${JSON.stringify(list.map((t) => t.text))}`);
  return hits[0]!;
}

const ru = (text: string, dct?: string): Timex[] => findTimexes(text, { dct, lang: 'ru' });

test('full and partial Russian dates, in any grammatical case', () => {
  const found = ru('Мост заложили 12 марта 1932 года, а открыли в октябре 1936 года. Весной 1941 года его закрыли; в 1957 г. отремонтировали.');
  assert.equal(one(found, '12 марта 1932 года').value, '1932-03-12');
  const oct = one(found, 'октябре 1936 года');
  assert.equal(oct.value, '1936-10');
  // the preposition stays outside the span, as TimeML keeps English ones outside
  assert.equal(oct.signal?.text, 'в');
  assert.equal(one(found, 'Весной 1941 года').value, '1941-SP');
  assert.equal(one(found, '1957 г.').value, '1957');
});

test('decades and centuries with a part ("в середине 1970-х годов", "в конце XIX века")', () => {
  const found = ru('В середине 1970-х годов театр перестроили. В конце XIX века здесь был рынок, а в ХХ веке — парк.');
  const mid = one(found, 'середине 1970-х годов');
  assert.deepEqual([mid.value, mid.mod, mid.edtf], ['197', 'MID', '1974~/1976~']);
  const c19 = one(found, 'конце XIX века');
  assert.deepEqual([c19.value, c19.mod], ['18', 'END']);
  // a Cyrillic "Х" reads like a Latin X in a Roman numeral
  assert.equal(one(found, 'ХХ веке').value, '19');
});

test('relative expressions follow the narrative: "через четыре года", "в том же году", "несколько лет спустя"', () => {
  const found = ru('Библиотеку основали в 1921 году. Через четыре года она переехала. В том же году появился читальный зал. Несколько лет спустя фонд удвоился.', '2019-03-01');
  const later = one(found, 'Через четыре года');
  assert.deepEqual([later.type, later.value, later.anchor.kind], ['DATE', '1925', 'narrative']);
  assert.equal(one(found, 'том же году').value, '1925');
  const vague = one(found, 'Несколько лет спустя');
  assert.equal(vague.value, 'FUTURE_REF');
  assert.equal(vague.anchor.kind, 'narrative');
  // the TimeML view reads "через четыре года" as the duration "четыре года" with a signal outside it
  const timeml = toTimeMLTimexes(found).find((t) => t.text === 'четыре года');
  assert.deepEqual([timeml?.type, timeml?.value], ['DURATION', 'P4Y']);
});

test('year ranges: "в 1928–1933 годах" and "с 1928 по 1933 год"', () => {
  for (const text of ['Он служил на флоте в 1928–1933 годах.', 'Он служил на флоте с 1928 по 1933 год.']) {
    const [range] = ru(text);
    assert.ok(range);
    assert.equal(range.edtf, '1928/1933', text);
    assert.deepEqual(range.parts?.map((p) => p.value), ['1928', '1933']);
  }
});

test('deictic words need the document date: "сегодня", "вчера вечером", "два года назад", "в прошлом году"', () => {
  const text = 'Сегодня выставка открыта. Вчера вечером прошла репетиция. Два года назад здание продали, а в прошлом году отреставрировали.';
  const found = ru(text, '2018-06-15');
  assert.equal(one(found, 'Сегодня').value, '2018-06-15');
  assert.equal(one(found, 'Вчера вечером').value, '2018-06-14TEV');
  const ago = one(found, 'Два года назад');
  assert.deepEqual([ago.value, ago.anchor.kind], ['2016', 'document']);
  assert.equal(one(found, 'прошлом году').value, '2017');
  for (const t of ru(text)) assert.equal(t.anchor.kind, 'none', `"${t.text}" stays unresolved without a date`);
});

test('durations, sets, clock times and weekdays', () => {
  const found = ru('Ремонт длился около трёх лет. Собрания проходят ежегодно и каждую неделю. В прошлый понедельник в 10:30 начался приём, в 6 часов вечера он закончился.', '2021-09-08');
  const dur = one(found, 'около трёх лет');
  assert.deepEqual([dur.type, dur.value, dur.mod], ['DURATION', 'P3Y', 'APPROX']);
  assert.equal(one(found, 'ежегодно').value, 'P1Y');
  assert.equal(one(found, 'каждую неделю').value, 'P1W');
  // 2021-09-08 is a Wednesday: "last Monday" is the 6th
  assert.equal(one(found, 'прошлый понедельник').value, '2021-09-06');
  assert.equal(one(found, '6 часов вечера').type, 'TIME');
  assert.match(one(found, '6 часов вечера').value, /T18:00$/);
});

test('numbers that are not years or counts stay untagged', () => {
  const found = ru('В зале было 1500 человек и 300 стульев.');
  assert.deepEqual(found.map((t) => t.text), []);
});

test('timexLanguage picks a rule file by language tag, English when there is none', () => {
  assert.equal(timexLanguage('ru'), 'ru');
  assert.equal(timexLanguage('ru-RU'), 'ru');
  assert.equal(timexLanguage('en'), 'en');
  assert.equal(timexLanguage('xx'), 'en');
  assert.equal(timexLanguage(undefined), 'en');
  assert.equal(timexLanguage('../en'), 'en');
});

test('the stage reads Russian sources with the Russian rules', () => {
  const text = 'Музей открылся 5 мая 1960 года. Через два года его расширили.';
  const source: Source = { id: 's', key: 'k', meta: { format: 'text', language: 'ru', published: '2020-01-01' }, text, sourceMap: [], sections: [], messages: [] };
  const out = runStages(source, [sentencesStage, timexStage]);
  const values = out.annotations.filter((a) => a.layer === 'timex').map((a) => [text.slice(a.start, a.end), a.attrs.value]);
  assert.deepEqual(values, [['5 мая 1960 года', '1960-05-05'], ['Через два года', '1962']]);
});

test('"тем временем" (meanwhile) runs from the reference time on, like its English rule', () => {
  const found = ru('Порт закрыли в 1911 году. Тем временем контрабандисты ушли вглубь страны.', '2021-02-01');
  assert.equal(one(found, 'Тем временем').edtf, '1911/..');
});
