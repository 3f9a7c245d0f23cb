import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readHtml } from './read-html.ts';
import { toRawOffset } from './text-builder.ts';

const para = (s: string) => `<p>${s} ${'The committee met again the following week to review the figures in detail. '.repeat(3)}</p>`;
const PAGE = `<!doctype html><html lang="en"><head><title>The Quiet Plenum | Cold Archive</title>
<meta name="author" content="Dora Finch"><meta property="article:published_time" content="2019-02-11T08:00:00Z">
<meta property="og:site_name" content="Cold Archive"></head><body>
<nav class="main-nav"><a href="/">Home</a><a href="/topics">Topics</a></nav>
<div id="cookie-consent">We use cookies to make this site work. Accept all cookies</div>
<article><h1>The Quiet Plenum</h1>
${para('The plenum opened without a single speech from the leader, which surprised the foreign press.')}
<h2>Behind closed doors</h2>
${para('Minutes later published by <a href="https://example.org/minutes">the state archive</a> tell a different story.')}
<figure><img src="hall.jpg" alt=""><figcaption>The conference hall before the session.</figcaption></figure>
<blockquote><p>We will not return to the old ways, one delegate wrote in his diary that night.</p></blockquote>
</article>
<aside class="ad-slot">Buy our history magazine today!</aside>
<script>window.track = 1; document.write('tracking pixel');</script>
<footer>Copyright 2019 Cold Archive. All rights reserved.</footer>
</body></html>`;

test('HTML metadata comes from the head', () => {
  const r = readHtml(PAGE);
  assert.equal(r.meta.title, 'The Quiet Plenum');
  assert.equal(r.meta.author, 'Dora Finch');
  assert.equal(r.meta.published, '2019-02-11T08:00:00Z');
  assert.equal(r.meta.site, 'Cold Archive');
  assert.equal(r.meta.language, 'en');
});

test('navigation, cookie banner, ads and footer leave the content and are kept as marked chrome; scripts vanish', () => {
  const r = readHtml(PAGE);
  const kept = r.sections.filter((s) => s.kind !== 'chrome').map((s) => r.text.slice(s.start, s.end)).join(' ');
  for (const junk of ['Topics', 'cookies', 'magazine', 'tracking', 'All rights reserved']) assert.ok(!kept.includes(junk), junk);
  assert.ok(kept.includes('The plenum opened without a single speech'));
  const chrome = Object.fromEntries(r.sections.filter((s) => s.kind === 'chrome').map((s) => [s.role, r.text.slice(s.start, s.end)]));
  assert.equal(chrome['navigation'], 'HomeTopics');
  assert.match(chrome['cookie-banner'] ?? '', /We use cookies/);
  assert.match(chrome['ad-slot'] ?? '', /magazine/);
  assert.match(chrome['footer'] ?? '', /All rights reserved/);
  assert.ok(!r.text.includes('tracking'));
});

test('headings, captions, quotes and links become sections', () => {
  const r = readHtml(PAGE);
  const slice = (k: string) => r.sections.filter((s) => s.kind === k).map((s) => r.text.slice(s.start, s.end));
  assert.deepEqual(slice('title'), ['The Quiet Plenum']);
  assert.deepEqual(slice('heading'), ['Behind closed doors']);
  assert.deepEqual(slice('caption'), ['The conference hall before the session.']);
  assert.equal(slice('quote').length, 1);
  const link = r.sections.find((s) => s.kind === 'reference')!;
  assert.equal(r.text.slice(link.start, link.end), 'the state archive');
  assert.equal(link.url, 'https://example.org/minutes');
});

test('a tiny page without an article still yields its text', () => {
  const r = readHtml('<html><body><nav>Menu</nav><p>Only one short line.</p></body></html>');
  assert.ok(r.text.includes('Only one short line.'));
  // the menu sat above the line on the page, so it comes first, marked as chrome
  assert.deepEqual(r.sections.map((s) => [s.kind, r.text.slice(s.start, s.end)]), [['chrome', 'Menu'], ['body', 'Only one short line.']]);
});

test('chrome sits where it was on the page: the text reads in page order', () => {
  const r = readHtml(PAGE);
  const order = r.sections.filter((s) => s.kind !== 'reference').map((s) => (s.kind === 'chrome' ? `chrome:${s.role}` : s.kind));
  assert.deepEqual(order, ['title', 'chrome:navigation', 'chrome:cookie-banner', 'body', 'heading', 'body', 'caption', 'quote', 'chrome:ad-slot', 'chrome:footer']);
  const starts = r.sections.map((s) => s.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
});

test('the source map leads every word of the content back to the raw HTML', () => {
  const r = readHtml(PAGE);
  const content = r.sections.filter((s) => s.kind === 'body' || s.kind === 'heading' || s.kind === 'caption');
  let checked = 0;
  for (const sec of content) {
    for (const m of r.text.slice(sec.start, sec.end).matchAll(/[A-Za-z]{3,}/g)) {
      const at = toRawOffset(r.sourceMap, sec.start + m.index);
      assert.equal(PAGE.slice(at, at + m[0].length), m[0], m[0]);
      checked++;
    }
  }
  assert.ok(checked > 50);
});
