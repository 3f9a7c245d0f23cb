/** A quotation found in the text: marks at `open` and `close`, content between (trimmed). */
export interface QuoteSpan {
  open: number;
  /** Offset of the closing mark (exclusive end of the quote is `close + 1`). */
  close: number;
  contentStart: number;
  contentEnd: number;
  /** 0 for a top-level quote, 1 for a quote inside a quote. */
  depth: number;
  /** Number of paragraph breaks the quote runs across. */
  paragraphs: number;
}

const OPENERS = new Set(['“', '«', '„', '‹']);
const CLOSERS = new Set(['”', '»', '›']);
/** Every character the scan acts on besides newlines. */
const MARKS = new Set([...OPENERS, ...CLOSERS, '"', '“']);
const PUNCT_BEFORE_CLOSE = /[,.!?;:…\-—–]/;
/** Longest stretch a quote may run before it is taken as an unclosed mark. */
const MAX_QUOTE = 8000;
const MAX_PARAGRAPHS = 20;

/** True when a straight `"` at `i` opens a quote: after a space or bracket, before a non-space. */
function opensStraight(text: string, i: number): boolean {
  const prev = i > 0 ? text[i - 1]! : ' ';
  const next = text[i + 1] ?? ' ';
  return /[\s([{—–\-/]/.test(prev) && !/\s/.test(next);
}

/** The last non-space character before `i`. */
function prevNonSpace(text: string, i: number): string {
  for (let k = i - 1; k >= 0; k--) if (!/\s/.test(text[k]!)) return text[k]!;
  return '';
}

/** Trims spaces and the trailing comma a quote's content carries before its closing mark. */
function trimContent(text: string, start: number, end: number): [number, number] {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /[\s,]/.test(text[end - 1]!)) end--;
  return [start, end];
}

/**
 * Finds quotations with their nesting, tolerating the mixed marks of real pages: a quote opened
 * with “ may close with ” or a straight `"` ("…, "Name said"); a straight quote after a word
 * inside a typographic quote opens a nested one ("about "immense power""); a quote may run over
 * several paragraphs, with or without an opening mark repeated at each paragraph start, up to
 * the closing mark and its attribution. A mark that never closes is ignored.
 */
export function findQuotes(text: string): QuoteSpan[] {
  const ignored = new Set<number>();
  let out: QuoteSpan[] = [];
  let stack: Array<{ char: string; pos: number; paragraphs: number }> = [];
  // on a mark that never closes: ignore it and rescan from the oldest quote still open
  const fail = (pos: number): number => {
    ignored.add(pos);
    const from = Math.min(pos, ...stack.map((x) => x.pos));
    out = out.filter((q) => q.close < from);
    stack = [];
    return from - 1;
  };
  // the innermost open quote closes at `i` (one closure for the whole scan, not one per character)
  const closeAt = (top: { pos: number; paragraphs: number }, i: number): void => {
    stack.pop();
    const [cs, ce] = trimContent(text, top.pos + 1, i);
    out.push({ open: top.pos, close: i, contentStart: cs, contentEnd: ce, depth: stack.length, paragraphs: top.paragraphs });
  };
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length) {
      if (stack.length) i = fail(stack[0]!.pos);
      continue;
    }
    const c = text[i]!;
    const top = stack[stack.length - 1];
    if (top && i - top.pos > MAX_QUOTE) i = fail(top.pos);
    else if (c === '\n') {
      if (!top) continue;
      if (stack.length > 1 || top.char === '"') {
        i = fail(top.pos); // a nested or straight-quoted quote does not cross paragraphs
        continue;
      }
      if (/^[ \t]*\n/.test(text.slice(i + 1, i + 40))) continue; // count the last newline of a run
      top.paragraphs++;
      if (top.paragraphs > MAX_PARAGRAPHS) {
        i = fail(top.pos);
        continue;
      }
      // a paragraph reopening the same quote ("“…¶“…”"): skip the repeated mark
      let j = i + 1;
      while (j < text.length && /[ \t]/.test(text[j]!)) j++;
      if (OPENERS.has(text[j]!)) i = j;
    } else if (!MARKS.has(c) || ignored.has(i)) {
      continue; // not a quotation mark (most characters), or one already given up on
    } else if (!top) {
      if (OPENERS.has(c) || (c === '"' && opensStraight(text, i))) stack.push({ char: c, pos: i, paragraphs: 0 });
    } else if (CLOSERS.has(c)) closeAt(top, i);
    else if (c === '“') {
      if (top.char === '„' || (!/\s/.test(text[i - 1] ?? ' ') && /[\s,.;:!?)]/.test(text[i + 1] ?? ' '))) closeAt(top, i);
      else if (stack.length < 2) stack.push({ char: c, pos: i, paragraphs: 0 });
    } else if (c === '"') {
      const looksOpen = opensStraight(text, i) && !PUNCT_BEFORE_CLOSE.test(prevNonSpace(text, i));
      if (top.char !== '"' && looksOpen && stack.length < 2) stack.push({ char: c, pos: i, paragraphs: 0 });
      else closeAt(top, i);
    }
  }
  return out.sort((a, b) => a.open - b.open);
}
