import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, normalizeToken, scanTokens, type TokenSpan } from './tokenize.ts';

const words = (t: string) => tokenize(t).map((x) => t.slice(x.start, x.end));

test('possessives split, hyphenated words stay whole, final periods detach', () => {
  assert.deepEqual(words("Khrushchev's Sino-Soviet policy failed."), ['Khrushchev', "'s", 'Sino-Soviet', 'policy', 'failed', '.']);
  assert.deepEqual(words('Stalin’s death'), ['Stalin', '’s', 'death']);
});

test('initials, abbreviations and dotted acronyms keep their periods', () => {
  assert.deepEqual(words('I. B. Tito met Dr. Smith in the U.S. today.'), ['I.', 'B.', 'Tito', 'met', 'Dr.', 'Smith', 'in', 'the', 'U.S.', 'today', '.']);
});

test('numbers, ordinals, decades, ranges and times', () => {
  assert.deepEqual(words('About 1,500 delegates at the 20th congress in the 1960s, 1956–1964, 09:00.'), [
    'About', '1,500', 'delegates', 'at', 'the', '20th', 'congress', 'in', 'the', '1960s', ',', '1956', '–', '1964', ',', '09:00', '.',
  ]);
});

test('offsets shift by the given offset and kinds are assigned', () => {
  const toks = tokenize('Oh, 1953!', 10);
  assert.deepEqual(toks.map((t) => [t.start, t.end, t.kind]), [[10, 12, 'WORD'], [12, 13, 'PUNCT'], [14, 18, 'NUM'], [18, 19, 'PUNCT']]);
});

test('normalization folds case, diacritics and quotes', () => {
  assert.equal(normalizeToken('Brežnev’s'), "breznev's");
  assert.equal(normalizeToken('“Q”'), '"q"');
});

test('URLs are one token without trailing punctuation', () => {
  assert.deepEqual(words('See http://example.org/a-b.'), ['See', 'http://example.org/a-b', '.']);
});

test('words and numbers that start with a non-ASCII letter or digit get the same shapes as ASCII ones', () => {
  const text = 'Ülbricht and Łukasz wrote ٢٠٢٠ lines, É.U. said.';
  assert.deepEqual(
    tokenize(text).map((x) => [text.slice(x.start, x.end), x.kind]),
    [['Ülbricht', 'WORD'], ['and', 'WORD'], ['Łukasz', 'WORD'], ['wrote', 'WORD'], ['٢٠٢٠', 'NUM'], ['lines', 'WORD'], [',', 'PUNCT'], ['É.U.', 'WORD'], ['said', 'WORD'], ['.', 'PUNCT']],
  );
});

test('every kind of white space separates tokens, a capital possessive splits, a backtick folds', () => {
  assert.deepEqual(words('Ana\u00a0met\u3000Ivo\u2028in\tRIGA’S\ufeffport'), ['Ana', 'met', 'Ivo', 'in', 'RIGA', '’S', 'port']);
  assert.equal(normalizeToken('Rock`n'), "rock'n");
  assert.equal(normalizeToken('PLAIN-Word'), 'plain-word');
});

test('tokenizing one text does not disturb the next (the token pattern is shared)', () => {
  const first = words('Vera wrote: “Come.”');
  words('Another text, in between...');
  assert.deepEqual(words('Vera wrote: “Come.”'), first);
  assert.deepEqual(first, ['Vera', 'wrote', ':', '“', 'Come', '.', '”']);
});

test('scanTokens hands a sink the same tokens, offsets and norms as tokenize returns', () => {
  const text = 'Mira’s U.S. trip, 1,500 km: http://a.example/x. Dr. Ode met RIGA. hello `quoted` Über-Long-Compound-Name';
  const seen: TokenSpan[] = [];
  scanTokens(text, 7, { token: (start, end, kind, norm) => seen.push({ start, end, kind, norm }) });
  assert.deepEqual(seen, tokenize(text, 7));
  assert.ok(seen.length > 10);
});

test('a lower-case word is its own norm; capitals, long words and marks still fold', () => {
  assert.equal(normalizeToken('met'), 'met');
  assert.equal(normalizeToken('Met'), 'met');
  assert.equal(normalizeToken('counterrevolutionary'), 'counterrevolutionary');
  assert.equal(normalizeToken('COUNTERREVOLUTIONARY'), 'counterrevolutionary');
  assert.equal(normalizeToken('é'), 'e');
});
