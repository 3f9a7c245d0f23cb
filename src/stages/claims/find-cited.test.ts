import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceSpeaker } from './find-cited.ts';

test('a reference speaks as its URL host, else as its title', () => {
  assert.deepEqual(referenceSpeaker('<ref>Mill history - http://www.example.org/mill</ref>', 'http://www.example.org/mill'), {
    speaker: 'ref:example.org',
    speakerName: 'example.org (cited reference)',
    type: 'work',
  });
  const byTitle = referenceSpeaker('<ref>Annals of the Valley - vol. 2</ref>', undefined);
  assert.equal(byTitle.speakerName, 'Annals of the Valley (cited reference)');
  assert.equal(byTitle.speaker, 'ref:annals-of-the-valley');
});
