import type { Store } from '../store/store.ts';
import { cached, entityIndex } from './corpus-view.ts';

/** Stance of one source toward one actor. */
export interface StanceCell {
  target: string;
  name: string;
  positive: number;
  negative: number;
  neutral: number;
  /** Mean score in [-1, 1] (from `attrs.score` where given, else the label's sign). */
  score: number;
}

/** A source's profile for the Sources view. */
export interface SourceProfile {
  id: string;
  title: string;
  length: number;
  layers: Record<string, number>;
  stance: StanceCell[];
  rhetoric: { total: number; per1000: number; byLabel: Record<string, number> };
  claims: Array<{ speaker: string; name: string; count: number; kinds: Record<string, number> }>;
}

/** Builds a source's profile from its `stance`, `rhetoric` and `claim` layers (any may be missing). */
export function profileSource(store: Store, sourceId: string): SourceProfile | undefined {
  return cached(store, `profile:${sourceId}`, () => {
    const source = store.getSource(sourceId);
    if (!source) return undefined;
    const annotations = store.getAnnotations(sourceId, ['stance', 'rhetoric', 'claim', 'mention', 'timex', 'event', 'sentence']);
    const layers: Record<string, number> = {};
    for (const a of annotations) layers[a.layer] = (layers[a.layer] ?? 0) + 1;
    const names = entityIndex(store);
    const stance = new Map<string, StanceCell & { sum: number; n: number }>();
    const byLabel: Record<string, number> = {};
    const claims = new Map<string, { speaker: string; name: string; count: number; kinds: Record<string, number> }>();
    for (const a of annotations) {
      if (a.layer === 'stance' && typeof a.attrs.target === 'string') {
        const t = a.attrs.target;
        let cell = stance.get(t);
        if (!cell) stance.set(t, (cell = { target: t, name: names.get(t)?.name ?? t, positive: 0, negative: 0, neutral: 0, score: 0, sum: 0, n: 0 }));
        const label = a.label === 'positive' || a.label === 'negative' ? a.label : 'neutral';
        cell[label]++;
        const s = typeof a.attrs.score === 'number' ? a.attrs.score : label === 'positive' ? 1 : label === 'negative' ? -1 : 0;
        cell.sum += Math.max(-1, Math.min(1, s));
        cell.n++;
      } else if (a.layer === 'rhetoric') {
        byLabel[a.label] = (byLabel[a.label] ?? 0) + 1;
      } else if (a.layer === 'claim') {
        const speaker = typeof a.attrs.speaker === 'string' ? a.attrs.speaker : 'unknown';
        let c = claims.get(speaker);
        if (!c) {
          const name = typeof a.attrs.speakerName === 'string' ? a.attrs.speakerName : (names.get(speaker)?.name ?? speaker);
          claims.set(speaker, (c = { speaker, name, count: 0, kinds: {} }));
        }
        c.count++;
        c.kinds[a.label] = (c.kinds[a.label] ?? 0) + 1;
      }
    }
    const total = layers.rhetoric ?? 0;
    return {
      id: sourceId,
      // An untitled file is named by its file name: its full path says where the user keeps files, not what it is.
      title: source.meta.title ?? source.meta.path?.split(/[\\/]/).filter(Boolean).at(-1) ?? sourceId,
      length: source.text.length,
      layers,
      stance: [...stance.values()]
        .map(({ sum, n, ...cell }) => ({ ...cell, score: n ? Math.round((sum / n) * 1000) / 1000 : 0 }))
        .sort((a, b) => b.positive + b.negative + b.neutral - (a.positive + a.negative + a.neutral) || a.target.localeCompare(b.target)),
      rhetoric: { total, per1000: source.text.length ? Math.round((total / source.text.length) * 1e6) / 1e3 : 0, byLabel },
      claims: [...claims.values()].sort((a, b) => b.count - a.count || a.speaker.localeCompare(b.speaker)),
    };
  });
}
