/**
 * The people who wrote a page's comments are people the page names: each comment's user name in
 * its header and meta lines ("2. ivan77 Offline ivan77", "ivan77 (Ivan) 1 May 2019 10: 00") becomes
 * a mention of one local person per user name, `local:user-<name>`, named by the user name.
 */
import type { Section } from '../../core/types.ts';
import { localId } from './link-mentions.ts';

/** A mention of a comment's author. */
export interface AuthorMention {
  start: number;
  end: number;
  entity: string;
  name: string;
}

/** The local entity id of a commenter: `local:user-ivan77`. */
export function userId(author: string): string {
  return localId(author).replace(/^local:/, 'local:user-');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a section is a comment's header or meta line (the author's user name is in it). */
function isAuthorLine(s: Section): boolean {
  return s.kind === 'chrome' && (s.role === 'comment-header' || s.role === 'comment-meta') && !!s.parent;
}

/**
 * Finds the authors' user names in the header and meta lines of every comment (sections of kind
 * `chrome` with role `comment-header` / `comment-meta` whose parent is the comment). A user name
 * followed by its display name in brackets is one mention: "ivan77 (Ivan)".
 */
export function findCommentAuthors(text: string, sections: readonly Section[]): AuthorMention[] {
  const out: AuthorMention[] = [];
  // most documents have no comments: no index of the sections then
  if (!sections.some(isAuthorLine)) return out;
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const s of sections) {
    if (!isAuthorLine(s)) continue;
    const comment = byId.get(s.parent!);
    const author = comment?.author?.trim();
    if (!comment || !author) continue;
    const line = text.slice(s.start, s.end);
    const shown = comment.displayName ? `(?:\\s*\\(${escape(comment.displayName)}\\))?` : '';
    const re = new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(author)}${shown}(?![\\p{L}\\p{N}_-])`, 'gu');
    for (const m of line.matchAll(re)) {
      out.push({ start: s.start + m.index, end: s.start + m.index + m[0].length, entity: userId(author), name: author });
    }
  }
  return out;
}

/** A reference to the page's author in a comment ("thanks to the author"): the author's entity when the page names one. */
export interface AuthorReference {
  start: number;
  end: number;
  /** `local:<author name>` (the id the linker gives that name in the text); absent when the page names no author. */
  entity?: string;
  name?: string;
}

/**
 * In reader comments, "the author" / "the Author" (not "the author of …") refers to the author of the
 * page the comments are on. The author is the page's metadata author, else the text of a credit
 * section with role `author`; with neither, the reference is returned without an entity (unresolved).
 */
export function findArticleAuthorReferences(text: string, sections: readonly Section[], metaAuthor?: string): AuthorReference[] {
  const comments = sections.filter((s) => s.kind === 'comment');
  if (comments.length === 0) return [];
  const credit = sections.find((s) => s.kind === 'credit' && s.role === 'author');
  const author = (metaAuthor ?? (credit ? text.slice(credit.start, credit.end) : '')).replace(/^\s*by\s+/i, '').trim();
  const out: AuthorReference[] = [];
  for (const c of comments) {
    const body = text.slice(c.start, c.end);
    for (const m of body.matchAll(/\b[Tt]he ([Aa]uthor)\b(?!\s+of\b)(?![-\p{L}])/gu)) {
      const start = c.start + m.index;
      const ref: AuthorReference = { start, end: start + m[0].length };
      if (author) {
        ref.entity = localId(author);
        ref.name = author;
      }
      out.push(ref);
    }
  }
  return out;
}
