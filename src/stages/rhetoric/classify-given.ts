import type { RhetoricDoc } from './doc.ts';
import { classifySpan, type LoadedLinear } from './model.ts';
import type { PtcLabel } from './ptc.ts';

/**
 * Task TC: names the technique of each given span. The article's given spans are each span's
 * peers; a span listed k times (several techniques) gets its k most probable techniques.
 * Reads documents and rows; returns new rows in input-group order.
 */
export function classifyGivenSpans(docs: ReadonlyMap<string, RhetoricDoc>, rows: readonly PtcLabel[], tc: LoadedLinear): PtcLabel[] {
  const byArticle = new Map<string, PtcLabel[]>();
  for (const r of rows) byArticle.set(r.article, [...(byArticle.get(r.article) ?? []), r]);
  const out: PtcLabel[] = [];
  for (const [article, list] of byArticle) {
    const doc = docs.get(article);
    if (!doc) continue;
    const groups = new Map<string, PtcLabel[]>();
    for (const r of list) {
      const k = `${r.start}:${r.end}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const g of groups.values()) {
      const ranked = classifySpan(doc, g[0]!, tc, list);
      g.forEach((r, i) => out.push({ ...r, technique: ranked[i % ranked.length]!.technique }));
    }
  }
  return out;
}
