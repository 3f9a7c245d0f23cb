import type { Annotation } from '../../core/types.ts';

/** A speaker's stance toward one target, summed over sections. */
export interface TargetStance {
  target: string;
  name: string;
  polarity: 'positive' | 'negative' | 'neutral';
  /** Mean section score, −1..1. */
  score: number;
  sections: number;
  mentions: number;
  /** Strongest evidence, with its quoted text. */
  evidence: Array<{ start: number; end: number; label: string; weight: number; text: string }>;
  techniques: Record<string, number>;
}

/** Whom a voice (the source's own text or one commenter) praises and condemns. */
export interface VoiceProfile {
  /** `source` for the text itself, else `commenter:<username>`. */
  voice: string;
  targets: TargetStance[];
  /** Rhetoric techniques used by this voice, by count. */
  techniques: Record<string, number>;
}

/** A source's profile: its own voice and each commenter's. */
export interface SourceProfile {
  sourceId: string;
  source: VoiceProfile;
  commenters: VoiceProfile[];
}

/**
 * Builds a source's profile from its `stance` annotations: stances of comment sections go to their
 * author (`attrs.author`), all others to the source. Sorted by strength: most condemned and most
 * praised first. Reads annotations and text; returns a new record.
 */
export function buildProfile(sourceId: string, text: string, annotations: readonly Annotation[], topEvidence = 3): SourceProfile {
  const groups = new Map<string, Annotation[]>();
  for (const a of annotations) {
    if (a.layer !== 'stance') continue;
    const voice = typeof a.attrs.author === 'string' ? `commenter:${a.attrs.author}` : 'source';
    groups.set(voice, [...(groups.get(voice) ?? []), a]);
  }
  const voice = (name: string): VoiceProfile => {
    const byTarget = new Map<string, Annotation[]>();
    for (const a of groups.get(name) ?? []) {
      const t = String(a.attrs.target);
      byTarget.set(t, [...(byTarget.get(t) ?? []), a]);
    }
    const techniques: Record<string, number> = {};
    const targets = [...byTarget].map(([target, list]): TargetStance => {
      const score = round(list.reduce((s, a) => s + Number(a.attrs.score ?? 0), 0) / list.length);
      const tech: Record<string, number> = {};
      for (const a of list) {
        for (const [k, v] of Object.entries((a.attrs.techniques ?? {}) as Record<string, number>)) {
          tech[k] = (tech[k] ?? 0) + v;
          techniques[k] = (techniques[k] ?? 0) + v;
        }
      }
      const evidence = list
        .flatMap((a) => (a.attrs.evidence ?? []) as Array<{ start: number; end: number; label: string; weight: number }>)
        .filter((e) => e.weight !== 0)
        .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight) || x.start - y.start)
        .slice(0, topEvidence)
        .map((e) => ({ ...e, text: text.slice(e.start, e.end) }));
      return {
        target,
        name: String(list[0]!.attrs.name ?? target),
        polarity: score >= 0.15 ? 'positive' : score <= -0.15 ? 'negative' : 'neutral',
        score,
        sections: list.length,
        mentions: list.reduce((s, a) => s + Number(a.attrs.mentions ?? 0), 0),
        evidence,
        techniques: tech,
      };
    });
    targets.sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || b.mentions - a.mentions || a.target.localeCompare(b.target));
    return { voice: name, targets, techniques };
  };
  const commenters = [...groups.keys()].filter((k) => k !== 'source').sort().map(voice);
  return { sourceId, source: voice('source'), commenters };
}

/** Renders a profile as readable text: per voice, per target polarity, score, evidence, techniques. */
export function formatProfile(p: SourceProfile): string {
  const lines: string[] = [`Profile of source ${p.sourceId}`];
  const voice = (v: VoiceProfile, title: string) => {
    lines.push('', title);
    if (!v.targets.length) lines.push('  (no stance toward any linked entity)');
    for (const t of v.targets) {
      const sign = t.polarity === 'positive' ? '+' : t.polarity === 'negative' ? '−' : '·';
      lines.push(`  ${sign} ${t.name} (${t.target}): ${t.polarity} ${t.score.toFixed(2)} over ${t.sections} section(s), ${t.mentions} mention(s)`);
      for (const e of t.evidence) lines.push(`      ${e.label} ${e.weight > 0 ? '+' : ''}${e.weight.toFixed(2)}: “${clip(e.text)}”`);
      const tech = Object.entries(t.techniques);
      if (tech.length) lines.push(`      techniques: ${tech.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    }
  };
  voice(p.source, 'The source itself');
  const praised = p.source.targets.filter((t) => t.polarity === 'positive').map((t) => t.name);
  const condemned = p.source.targets.filter((t) => t.polarity === 'negative').map((t) => t.name);
  lines.push(`  praises: ${praised.join(', ') || '–'}; condemns: ${condemned.join(', ') || '–'}`);
  for (const c of p.commenters) voice(c, `Commenter ${c.voice.replace(/^commenter:/, '')}`);
  return lines.join('\n');
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 90 ? `${one.slice(0, 87)}…` : one;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
