import type { Message, Section, SourceMap } from '../core/types.ts';

/** What a format reader returns: text, map, sections, the metadata it found and its messages. */
export interface ReaderResult {
  text: string;
  sourceMap: SourceMap;
  sections: Section[];
  meta: { title?: string; author?: string; published?: string; site?: string; language?: string };
  messages: Message[];
}
