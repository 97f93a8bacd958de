import {
  schoolYearLabel,
  OBSERVED_LESSON_KINDS,
  PAIR_RATING_LABELS,
  pairLineTitle,
  schoolYearRange,
  type ArchiveEntry,
  type MentorPair,
  type PairObservation,
  type PairRole,
  type Session,
} from '@lianyan/shared';
import type { AttendanceCredit } from '#repositories/attendance';
import type { PairMembership } from '#repositories/mentor-pairs';
import { attended, localDate } from './archive-figures.ts';

// 师徒结对's arithmetic, free of I/O: observations between the two from attendance, and the archive's lines.

const other = (role: PairRole): PairRole => (role === 'mentor' ? 'mentee' : 'mentor');

/**
 * The 听评课 / 示范课 sessions one of the pair taught (the session's lesson teacher) and the other attended, in the
 * pair's school year: counted from attendance, nobody files them. Cancelled sessions never count.
 */
export function pairObservations(
  pair: Pick<MentorPair, 'schoolYear'>,
  taught: Record<PairRole, Session[]>,
  credits: Record<PairRole, AttendanceCredit[]>,
): PairObservation[] {
  const year = schoolYearRange(pair.schoolYear);
  const found: PairObservation[] = [];
  for (const teacherRole of ['mentor', 'mentee'] as const) {
    const observerRole = other(teacherRole);
    const seen = new Set(credits[observerRole].filter(attended).map((c) => c.sessionId));
    for (const s of taught[teacherRole]) {
      if (!OBSERVED_LESSON_KINDS.includes(s.kind) || s.status === 'cancelled' || !seen.has(s.id)) continue;
      const date = localDate(s.startAt);
      if (date < year.from || date > year.to) continue;
      found.push({ sessionId: s.id, title: s.title, kind: s.kind, startAt: s.startAt, date, teacherRole, observerRole });
    }
  }
  return found.sort((a, b) => b.startAt.localeCompare(a.startAt));
}

/** The day a pair's line shows: the day it was registered, within its school year. */
export function pairDate(pair: Pick<MentorPair, 'createdAt' | 'schoolYear'>): string {
  const year = schoolYearRange(pair.schoolYear);
  const day = localDate(pair.createdAt);
  return day < year.from ? year.from : day > year.to ? year.to : day;
}

/** The archive's derived lines of a person's registered pairs in the period: 带徒 (mentor) or 拜师 (mentee). */
export function pairLines(userId: string, memberships: PairMembership[], period: { from: string; to: string }): ArchiveEntry[] {
  return memberships.flatMap(({ pair, role }) => {
    const date = pairDate(pair);
    if (date < period.from || date > period.to) return [];
    const partner = role === 'mentor' ? pair.mentee : pair.mentor;
    const evaluation = pair.evaluation ? ` · 考核：${PAIR_RATING_LABELS[pair.evaluation.rating]}` : '';
    const line: ArchiveEntry = {
      id: `mpair-${pair.id}-${role}`,
      userId,
      schoolId: pair.schoolId,
      source: 'derived',
      status: 'approved',
      kind: 'mentorship',
      hours: 0,
      title: pairLineTitle(role, partner.name, pair.subject),
      date,
      detail: `${schoolYearLabel(pair.schoolYear)}${partner.schoolName ? ` · ${partner.schoolName}` : ''}${evaluation}`,
      evidenceFiles: [],
      createdAt: pair.createdAt,
      updatedAt: pair.evaluation?.at ?? pair.createdAt,
      pairId: pair.id,
    };
    return [line];
  });
}

/** The pair a self-filed 师徒结对 entry duplicates: same side, same partner's name, in the pair's school year. */
function duplicatedPair(entry: { kind: string; role?: string; partnerName?: string; date: string }, memberships: PairMembership[]): string | undefined {
  if (entry.kind !== 'mentorship') return undefined;
  const role: PairRole = entry.role === 'mentor' ? 'mentor' : 'mentee';
  const match = memberships.find(({ pair, role: r }) => {
    if (r !== role) return false;
    const partner = role === 'mentor' ? pair.mentee : pair.mentor;
    const year = schoolYearRange(pair.schoolYear);
    return partner.name === entry.partnerName?.trim() && entry.date >= year.from && entry.date <= year.to;
  });
  return match?.pair.id;
}

/** Self-filed 师徒结对 entries marked with the registered pair they duplicate (shown, not counted twice). */
export function markDuplicates(entries: ArchiveEntry[], memberships: PairMembership[]): ArchiveEntry[] {
  if (!memberships.length) return entries;
  return entries.map((e) => {
    if (e.source !== 'entered' || e.kind !== 'mentorship') return e;
    const pairId = duplicatedPair(e, memberships);
    return pairId ? { ...e, duplicateOfPairId: pairId } : e;
  });
}
