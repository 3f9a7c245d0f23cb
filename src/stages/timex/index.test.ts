import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Source } from '../../core/types.ts';
import { runStages } from '../../pipeline/run-stages.ts';
import { sentencesStage } from '../sentences/index.ts';
import { timexStage } from './index.ts';

function source(text: string, extra: Partial<Source> = {}): Source {
  return { id: 'src1', key: 'k1', meta: { format: 'text' }, text, sourceMap: [], sections: [], messages: [], ...extra };
}

test('the stage writes a timex layer per docs/layers.md', () => {
  const text = 'In 1956 the congress met. Two years later it met again. Today we remember it.';
  const out = runStages(source(text, { meta: { format: 'text', published: '2016-02-25' } }), [sentencesStage, timexStage]);
  const tx = out.annotations.filter((a) => a.layer === 'timex');
  assert.deepEqual(tx.map((a) => text.slice(a.start, a.end)), ['1956', 'Two years later', 'Today']);
  const later = tx[1]!;
  assert.equal(later.label, 'DATE');
  assert.equal(later.attrs.value, '1958');
  assert.deepEqual(later.attrs.interval, { earliest: '1958-01-01', latest: '1958-12-31' });
  assert.equal((later.attrs.anchor as { kind: string }).kind, 'narrative');
  assert.equal(tx[2]!.attrs.edtf, '2016-02-25');
  assert.equal(later.provenance.stage, 'timex');
});

test('a comment section resolves "yesterday" against its own time', () => {
  const text = 'Body text.\nYesterday I saw the film.';
  const start = text.indexOf('Yesterday');
  const out = runStages(
    source(text, { meta: { format: 'text', published: '2010-01-01' }, sections: [{ id: 'c1', kind: 'comment', start, end: text.length, time: '2012-03-04T09:30' }] }),
    [sentencesStage, timexStage],
  );
  const y = out.annotations.find((a) => a.layer === 'timex');
  assert.equal(y?.attrs.value, '2012-03-03');
});

test('without a document date, deictic words become warnings; a dateline supplies the date', () => {
  const bare = runStages(source('Today the plan changed.'), [sentencesStage, timexStage]);
  assert.ok(bare.messages.some((m) => m.rule === 'timex:unresolved' && m.severity === 'warning'));
  const withLine = runStages(source('VIENNA, March 5, 2019 — Today the plan changed.'), [sentencesStage, timexStage]);
  assert.ok(withLine.messages.some((m) => m.rule === 'timex:dct-from-dateline'));
  const today = withLine.annotations.find((a) => a.layer === 'timex' && a.attrs.value === '2019-03-05' && withLine.text.slice(a.start, a.end) === 'Today');
  assert.ok(today, 'Today resolved from the dateline');
});
