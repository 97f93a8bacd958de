import { schoolYearOf, schoolYearRange, scopeKey, targetsFor, type FederationRules, type SchoolArchiveOverview, type SchoolArchiveRow, type Session } from '@lianyan/shared';
import type { CheckInCredit } from '#repositories/campaigns';
import type { ArchiveServiceDeps } from './archive.ts';
import { figures, semesterForYear, utcRange } from './archive-figures.ts';

type OverviewDeps = Pick<ArchiveServiceDeps, 'archive' | 'attendance' | 'sessions' | 'users' | 'campaigns' | 'clock'>;

/** 成长档案 of a school: its teachers against the targets, from a handful of Queries whatever the number of entries. */
export function makeSchoolOverview(deps: OverviewDeps) {
  const { archive, attendance, sessions, users, clock } = deps;

  return async function overview(school: { id: string; name: string; federationId: string }, year: string | undefined, rules: FederationRules): Promise<SchoolArchiveOverview> {
    const schoolId = school.id;
    const now = clock.now();
    const schoolYear = year ?? schoolYearOf(now);
    const semester = semesterForYear(schoolYear, now);
    const teacherIds: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await users.listMembersOfScope(scopeKey({ schoolId }), 'teacher', { limit: 500, ...(cursor ? { cursor } : {}) });
      teacherIds.push(...page.userIds);
      cursor = page.nextCursor;
    } while (cursor);
    const yearDays = utcRange(schoolYearRange(schoolYear));
    const [profiles, totals, autumn, spring, pending, federationSessions] = await Promise.all([
      users.getProfiles(teacherIds),
      archive.listTotalsOfSchool(schoolId, schoolYear),
      attendance.listCreditsOfSchool(schoolId, `${schoolYear}-1`),
      attendance.listCreditsOfSchool(schoolId, `${schoolYear}-2`),
      archive.countPendingOfSchool(schoolId),
      listFederationSessions(school.federationId, yearDays),
    ]);
    const checkInsOf = new Map<string, CheckInCredit[]>();
    for (const c of await checkInCreditsOfSchool(schoolId, schoolYearRange(schoolYear))) checkInsOf.set(c.userId, [...(checkInsOf.get(c.userId) ?? []), c]);
    const creditsOf = new Map<string, typeof autumn>();
    for (const c of [...autumn, ...spring]) creditsOf.set(c.userId, [...(creditsOf.get(c.userId) ?? []), c]);
    const taughtBy = new Map<string, Session[]>();
    for (const s of federationSessions) {
      const teacher = s.lesson?.teacherId;
      if (teacher) taughtBy.set(teacher, [...(taughtBy.get(teacher) ?? []), s]);
    }
    const rows: SchoolArchiveRow[] = teacherIds.map((userId) => {
      const profile = profiles.get(userId);
      const targets = targetsFor(profile?.position, rules);
      const own = totals.get(userId);
      const f = figures({
        year: schoolYear,
        semester,
        cycleStartYear: rules.trainingCycleStartYear,
        totals: own ? new Map([[schoolYear, own]]) : new Map(),
        credits: creditsOf.get(userId) ?? [],
        taught: taughtBy.get(userId) ?? [],
        targets,
        now,
        checkIns: checkInsOf.get(userId) ?? [],
      });
      return {
        userId,
        name: profile?.name ?? userId,
        ...(profile?.position ? { position: profile.position } : {}),
        hours: f.hours,
        hoursTarget: targets.trainingHoursPerYear,
        observations: f.observations,
        ...(targets.lessonsObservedPerSemester ? { observationsTarget: targets.lessonsObservedPerSemester } : {}),
        sessions: Object.values(f.sessionsByKind).reduce((a, b) => a + (b ?? 0), 0),
        openClasses: f.counts.open_class,
        awards: f.counts.award,
        pending: pending.get(userId) ?? 0,
        onTrack: f.onTrack,
      };
    });
    rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return { school: { id: school.id, name: school.name }, year: schoolYear, semester, rows };
  };

  /** Check-ins that feed the archive, of the school's campaigns that overlap the year: one Query per such campaign. */
  async function checkInCreditsOfSchool(schoolId: string, year: { from: string; to: string }) {
    const ids = await deps.campaigns.listCampaignIdsOfSchool(schoolId, year.from);
    const crediting = (await deps.campaigns.getCampaigns(ids)).filter((c) => c.archiveKind && c.startDate <= year.to);
    return (await Promise.all(crediting.map((c) => deps.campaigns.listCreditsOfCampaign(c.id)))).flat();
  }

  async function listFederationSessions(federationId: string, range: { from: string; to: string }): Promise<Session[]> {
    const all: Session[] = [];
    let cursor: string | undefined;
    do {
      const page = await sessions.listSessionsOfFederation(federationId, range, { limit: 500, ...(cursor ? { cursor } : {}) });
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }
}
