/** One line of a text with its offsets; `start`/`end` bound the content without indentation or trailing space. */
export interface Line {
  /** 0-based line number. */
  n: number;
  /** Offset of the first character of the line. */
  lineStart: number;
  /** Offset of the first non-space character (== lineEnd for blank lines). */
  start: number;
  /** Offset after the last non-space character. */
  end: number;
  /** Offset of the line break (or text end). */
  lineEnd: number;
  /** Trimmed content (NBSP and other Unicode spaces count as space). */
  text: string;
  /** Width of the leading whitespace. */
  indent: number;
  blank: boolean;
}

/** Splits normalized text into lines with content offsets. */
export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let pos = 0;
  let n = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const raw = text.slice(pos, nl);
    const lead = raw.length - raw.replace(/^\s+/u, '').length;
    const trimmed = raw.trim();
    const start = pos + lead;
    out.push({ n, lineStart: pos, start: trimmed ? start : nl, end: trimmed ? start + trimmed.length : nl, lineEnd: nl, text: trimmed, indent: lead, blank: trimmed.length === 0 });
    n++;
    pos = nl + 1;
    if (nl === text.length) break;
  }
  return out;
}

/** True when a line ends like a sentence or clause (full stop, comma, colon, …), ignoring closing quotes and brackets. */
export function endsWithPunctuation(s: string): boolean {
  return /[.,;:!?…]$/u.test(s.replace(/["'”’»)\]]+$/u, ''));
}

/** Number of words (runs of non-space) in a string. */
export function wordCount(s: string): number {
  return s.split(/\s+/u).filter(Boolean).length;
}
