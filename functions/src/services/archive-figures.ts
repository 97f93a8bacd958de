import {
  ARCHIVE_KINDS,
  CAMPAIGN_PERIODS,
  isPeriodKey,
  periodLabel,
  OBSERVED_LESSON_KINDS,
  SESSION_KIND_LABELS,
  cycleOf,
  entryTitle,
  isOnTrack,
  schoolYearOf,
  schoolYearRange,
  semesterOf,
  semesterDays,
  shanghaiDate,
  type ArchiveEntry,
  type ArchiveKind,
  type ArchiveTargets,
  type Session,
  zeroHoursReason,
  type SessionKind,
} from '@lianyan/shared';
import type { StoredEntry, YearTotals } from '#repositories/archive';
import type { AttendanceCredit } from '#repositories/attendance';
import type { CheckInCredit } from '#repositories/campaigns';

// The archive's arithmetic, free of I/O: derived lines from attendance and sessions, and the figures against targets.

const ATTENDED = new Set(['on_time', 'late', 'left_early']);
export const attended = (c: Pick<AttendanceCredit, 'status'>) => ATTENDED.has(c.status);

/** `2026-11-23` in Asia/Shanghai. */
export function localDate(instant: string | Date): string {
  const { year, month, day } = shanghaiDate(instant);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A range of Shanghai calendar days as UTC instants, to compare with keys built from `…Z` times. */
export function utcRange(range: { from: string; to: string }): { from: string; to: string } {
  return {
    from: new Date(`${range.from}T00:00:00.000+08:00`).toISOString(),
    to: new Date(`${range.to}T23:59:59.999+08:00`).toISOString(),
  };
}

const inRange = (date: string, range: { from: string; to: string }) => date >= range.from && date <= range.to;

/**
 * Lines that attendance writes by itself: credited hours (`research_attendance`), a lesson observed for an
 * attended observation or demo lesson, and an open class for the teacher who gave such a lesson.
 */
export function derivedLines(
  userId: string,
  credits: AttendanceCredit[],
  sessions: Map<string, Session>,
  taught: Session[],
  now: Date,
  checkIns: CheckInCredit[] = [],
): ArchiveEntry[] {
  const lines: ArchiveEntry[] = checkIns.map(checkInLine(userId));
  for (const credit of credits) {
    const session = sessions.get(credit.sessionId);
    const kind = (session?.kind ?? credit.kind) as SessionKind;
    const base = {
      userId,
      source: 'derived' as const,
      status: 'approved' as const,
      date: localDate(credit.startAt || credit.signedInAt || now),
      evidenceFiles: [],
      createdAt: credit.signedInAt ?? credit.startAt,
      updatedAt: credit.signedInAt ?? credit.startAt,
      sessionId: credit.sessionId,
      sessionKind: kind,
      attendanceStatus: credit.status,
      ...(session ? { schoolId: session.hostSchoolId } : {}),
    };
    const title = session?.title ?? SESSION_KIND_LABELS[kind] ?? '教研活动';
    // Every attendance is a line, 0 学时 included, with the reason it earned none.
    if (attended(credit) || credit.creditedHours > 0) {
      const why = credit.creditedHours > 0 ? undefined : zeroHoursReason(credit.status, session?.creditRule);
      lines.push({ ...base, id: `att-${credit.sessionId}`, kind: 'research_attendance', hours: credit.creditedHours, title, ...(why ? { detail: why } : {}) });
    }
    if (OBSERVED_LESSON_KINDS.includes(kind) && attended(credit)) {
      const lesson = session?.lesson;
      lines.push({
        ...base,
        id: `obs-${credit.sessionId}`,
        kind: 'lesson_observation',
        hours: 0,
        title: lesson ? `听${lesson.teacherName}${session.subject ?? ''}课《${lesson.topic.replace(/^《|》$/g, '')}》` : title,
        ...(lesson ? { detail: `${lesson.className} · ${SESSION_KIND_LABELS[kind]}` } : {}),
      });
    }
  }
  for (const session of taught) {
    if (!isGiven(session, now)) continue;
    lines.push({
      id: `taught-${session.id}`,
      userId,
      schoolId: session.hostSchoolId,
      source: 'derived',
      status: 'approved',
      kind: 'open_class',
      date: localDate(session.startAt),
      hours: 0,
      title: session.lesson ? `《${session.lesson.topic.replace(/^《|》$/g, '')}》` : session.title,
      detail: `${SESSION_KIND_LABELS[session.kind]} · ${session.lesson?.className ?? ''}`.replace(/ · $/, ''),
      evidenceFiles: [],
      createdAt: session.startAt,
      updatedAt: session.updatedAt ?? session.startAt,
      sessionId: session.id,
      sessionKind: session.kind,
    });
  }
  return lines;
}

/** A period key read by its shape (each kind has its own). */
function labelOfPeriod(key: string): string {
  const kind = CAMPAIGN_PERIODS.find((k) => isPeriodKey(k, key));
  return kind ? periodLabel(kind, key) : key;
}

/** A check-in of a campaign with an archive kind: one line of that kind, with the campaign's hours per check-in. */
const checkInLine = (userId: string) =>
  (c: CheckInCredit): ArchiveEntry => ({
    id: `chk-${c.campaignId}-${c.period}`,
    userId,
    source: 'derived',
    status: 'approved',
    kind: c.archiveKind,
    date: c.date,
    hours: c.hours,
    title: c.campaignTitle,
    detail: `打卡 · ${labelOfPeriod(c.period)}${c.makeup ? '（补卡）' : ''}`,
    evidenceFiles: [],
    createdAt: c.createdAt,
    updatedAt: c.createdAt,
    campaignId: c.campaignId,
  });

/** A lesson counts as given once its session has started and was neither a draft nor cancelled. */
const isGiven = (session: Session, now: Date) =>
  (session.status === 'published' || session.status === 'closed') && Date.parse(session.startAt) <= now.getTime();

/** An entered entry as a timeline line. */
export function enteredLine(entry: StoredEntry): ArchiveEntry {
  const { year: _y, semester: _s, ...rest } = entry;
  return { ...rest, source: 'entered', title: entryTitle(entry) } as ArchiveEntry;
}

/** Newest first; on the same day, the latest written first. */
export const byDateDesc = (a: ArchiveEntry, b: ArchiveEntry) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt);

/** The semester a summary speaks of: the current one within the current year, else the year's last. */
export function semesterForYear(year: string, now: Date): string {
  return schoolYearOf(now) === year ? semesterOf(now) : `${year}-2`;
}

export interface Figures {
  hours: number;
  cycleHours: number;
  observations: number;
  sessionsByKind: Partial<Record<SessionKind, number>>;
  counts: Record<ArchiveKind, number>;
  onTrack: boolean;
}

/**
 * A person's figures for a school year: approved entered totals (kept per year) plus what attendance credits
 * (counted from the attendance items of the period), against the targets of their position.
 */
export function figures(input: {
  year: string;
  semester: string;
  cycleStartYear: number;
  totals: Map<string, YearTotals>;
  credits: AttendanceCredit[];
  taught: Session[];
  targets: ArchiveTargets;
  now: Date;
  /** Check-ins that feed the archive (their hours count as 学时, each one line of its kind). */
  checkIns?: CheckInCredit[];
}): Figures {
  const { year, semester, totals, credits, taught, targets, now } = input;
  const yearRange = schoolYearRange(year);
  const cycle = cycleOf(year, input.cycleStartYear);
  const semesterSpan = semesterDays(semester);
  const own = totals.get(year);
  const counts = Object.fromEntries(ARCHIVE_KINDS.map((k) => [k, own?.counts[k] ?? 0])) as Record<ArchiveKind, number>;
  const sessionsByKind: Partial<Record<SessionKind, number>> = {};
  let hours = own?.hours ?? 0;
  let cycleHours = cycle.years.reduce((sum, y) => sum + (totals.get(y)?.hours ?? 0), 0);
  let observations = own?.observationsBySemester[semester] ?? 0;
  for (const credit of credits) {
    const date = localDate(credit.startAt || credit.signedInAt || now);
    const kind = credit.kind as SessionKind;
    if (inRange(date, cycle)) cycleHours += credit.creditedHours;
    if (!inRange(date, yearRange)) continue;
    hours += credit.creditedHours;
    if (attended(credit) || credit.creditedHours > 0) counts.research_attendance += 1;
    if (!attended(credit)) continue;
    sessionsByKind[kind] = (sessionsByKind[kind] ?? 0) + 1;
    // A lesson evaluated by a scale is an observation on the totals already (its attendance carries the observation's id).
    if (OBSERVED_LESSON_KINDS.includes(kind) && !credit.observationId) {
      counts.lesson_observation += 1;
      if (inRange(date, semesterSpan)) observations += 1;
    }
  }
  for (const session of taught) {
    if (isGiven(session, now) && inRange(localDate(session.startAt), yearRange)) counts.open_class += 1;
  }
  for (const c of input.checkIns ?? []) {
    if (inRange(c.date, cycle)) cycleHours += c.hours;
    if (!inRange(c.date, yearRange)) continue;
    hours += c.hours;
    counts[c.archiveKind] += 1;
  }
  const end = new Date(`${yearRange.to}T23:59:59+08:00`);
  const asOf = now < end ? now : end;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    hours: round(hours),
    cycleHours: round(cycleHours),
    observations,
    sessionsByKind,
    counts,
    onTrack: isOnTrack({ hours, observations, year, semester }, targets, asOf),
  };
}
