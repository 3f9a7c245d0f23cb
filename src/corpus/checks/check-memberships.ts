import type { DayInterval } from '../../core/time.ts';
import type { KbMembership } from '../../kb/types.ts';
import { describeInterval, edtfToInterval } from '../edtf-interval.ts';
import { periodInterval } from '../kb-index.ts';
import { dateNear, sentenceIndexAt, voiceOf, type SourceView } from '../source-view.ts';
import type { Conflict } from '../types.ts';
import { escapeRegex } from '../vocabulary.ts';
import { makeConflict, overlap, sentenceEvidence, type CheckContext } from './common.ts';

/** A statement that an entity joined or belonged to an organization. */
export interface MembershipStatement {
  view: SourceView;
  member: string;
  org: string;
  /** `join`: became a member (the date is the joining date); `member`: was a member at the date. */
  kind: 'join' | 'member';
  negated: boolean;
  start: number;
  end: number;
  interval?: DayInterval;
  dateText?: string;
}

/**
 * Finds membership statements: joining events of the event layer, and the patterns
 * "A joined B", "A, a member of B", "A was never a member of B", "B members A and C".
 * Only organizations the KB lists members for are considered.
 */
export function findMembershipStatements(ctx: CheckContext): MembershipStatement[] {
  const out: MembershipStatement[] = [];
  const join = ctx.vocab.membershipPatterns.join.map(escapeRegex).join('|');
  const member = ctx.vocab.membershipPatterns.member.map(escapeRegex).join('|');
  const neg = "(?<neg>never|not|did not|didn't|refused to|declined to|would not|wouldn't)";
  const forward = new RegExp(`^\\s*(?:,[^,.;]{0,60},\\s*)?,?\\s*(?:(?:was|were|is|had|has|have|been|became|remained|also|still|as|itself|then|\\s)+)?(?:${neg}\\s+)?(?:(?<j>${join})|(?:a|an)?\\s*(?:founding\\s+|full\\s+)?(?<m>${member}))\\s+(?:the\\s+)?$`, 'iu');
  const backward = /^\s+(?:founding\s+)?(?:members?|member states?|member countries|allies)\s+(?:[\p{L} ,.'’-]{0,50}?(?:,|\band)\s*)?$/iu;
  for (const view of ctx.views) {
    if (!view.fallbacks.includes('event')) {
      for (const ev of view.events) {
        if (ev.cls !== 'joining' || ev.inherited || !ev.asserted) continue;
        const agent = ev.participants.find((p) => p.role === 'agent' && p.entity)?.entity;
        const org = ev.participants.find((p) => p.role !== 'agent' && p.entity && ctx.index.membershipsByOrg.has(p.entity))?.entity;
        if (!agent || !org || agent === org) continue;
        out.push({ view, member: agent, org, kind: 'join', negated: !ev.positive, start: ev.start, end: ev.end, interval: ev.interval, dateText: ev.edtf });
      }
    }
    const ms = view.mentions.filter((m) => m.entity);
    for (let i = 0; i < ms.length; i++) {
      for (let j = 0; j < ms.length; j++) {
        const a = ms[i]!;
        const b = ms[j]!;
        if (i === j || a.entity === b.entity || sentenceIndexAt(view.sentences, a.start) !== sentenceIndexAt(view.sentences, b.start)) continue;
        const org = b.entity!;
        if (!ctx.index.membershipsByOrg.has(org)) continue;
        let hit: RegExpExecArray | null = null;
        if (a.end <= b.start && b.start - a.end <= 90) hit = forward.exec(view.text.slice(a.end, b.start));
        let kind: MembershipStatement['kind'] | undefined = hit?.groups?.j ? 'join' : hit?.groups?.m ? 'member' : undefined;
        let negated = Boolean(hit?.groups?.neg);
        if (!kind && b.end <= a.start && a.start - b.end <= 60 && backward.test(view.text.slice(b.end, a.start))) {
          kind = 'member';
          negated = false;
        }
        if (!kind) continue;
        const start = Math.min(a.start, b.start);
        const end = Math.max(a.end, b.end);
        const date = dateNear(view, start, end);
        out.push({ view, member: a.entity!, org, kind, negated, start, end, interval: date?.interval, dateText: date?.text });
      }
    }
  }
  return out;
}

/** Full memberships of a member in an org, and whether a non-full status is on record. */
function recordsOf(ctx: CheckContext, member: string, org: string): { full: KbMembership[]; other: boolean } {
  const all = (ctx.index.membershipsByMember.get(member) ?? []).filter((m) => m.org === org);
  const nonFull = new Set(ctx.vocab.nonMemberStatuses);
  return { full: all.filter((m) => !m.status || !nonFull.has(m.status)), other: all.some((m) => m.status && nonFull.has(m.status)) };
}

/**
 * Claims contradicting a KB membership: an entity said to join or belong to an organization the KB
 * says it never belonged to (when the KB lists that organization's members), joining at another
 * date than the KB's, belonging at a date outside every KB period, or said never to have belonged
 * when the KB has it as a member.
 */
export function checkMemberships(ctx: CheckContext): Conflict[] {
  const out: Conflict[] = [];
  for (const s of findMembershipStatements(ctx)) {
    const memberEntity = ctx.index.kb.byId.get(s.member);
    if (!memberEntity || memberEntity.type === 'person') continue;
    const { full, other } = recordsOf(ctx, s.member, s.org);
    if (other) continue;
    // the names in use at the statement's date ("the Federal People's Republic of Yugoslavia" in 1955)
    const mName = ctx.index.nameAt(s.member, s.interval);
    const oName = ctx.index.nameAt(s.org, s.interval);
    const when = s.interval ? ` in ${describeInterval(s.interval)}${s.dateText ? ` ("${s.dateText}")` : ''}` : '';
    const facts = full.map((m) => ({ type: 'membership', ref: `${m.member}>${m.org}`, text: `${mName} in ${oName}: ${m.from ?? '…'}–${m.to ?? 'present'}`, source: m.source }));
    let problem: string | undefined;
    if (s.negated) {
      if (full.length && (!s.interval || full.some((m) => overlap(periodInterval(m.from, m.to), s.interval!)))) {
        problem = `says ${mName} was not a member of ${oName}${when}, but the KB has ${mName} as a member ${full.map((m) => `${m.from ?? '…'}–${m.to ?? 'present'}`).join(', ')}`;
      }
    } else if (full.length === 0) {
      const roster = ctx.index.membershipsByOrg.get(s.org) ?? [];
      if (roster.length < 2) continue;
      problem = `says ${mName} ${s.kind === 'join' ? 'joined' : 'was a member of'} ${oName}${when}, but ${mName} was never a member according to the KB, which lists ${oName}'s members`;
      facts.push({ type: 'membership', ref: s.org, text: `${oName} members: ${[...new Set(roster.map((m) => ctx.index.nameOf(m.member)))].join(', ')}`, source: roster[0]!.source });
    } else if (s.interval) {
      if (s.kind === 'join') {
        const starts = full.map((m) => edtfToInterval(m.from)).filter((x): x is NonNullable<typeof x> => x !== null);
        if (starts.length && !starts.some((f) => overlap(f, s.interval!))) {
          problem = `says ${mName} joined ${oName}${when}, but the KB has it joining ${full.map((m) => m.from).join(', ')}`;
        }
      } else if (!full.some((m) => overlap(periodInterval(m.from, m.to), s.interval!))) {
        problem = `says ${mName} was a member of ${oName}${when}, outside its membership ${full.map((m) => `${m.from ?? '…'}–${m.to ?? 'present'}`).join(', ')}`;
      }
    }
    if (!problem) continue;
    out.push(makeConflict('kb-contradiction', 'high', `${voiceOf(s.view, s.start)} ${problem}.`, [sentenceEvidence(s.view, s.start, s.end)], facts, { entity: s.member }));
  }
  return out;
}
