import { createHash } from 'node:crypto';
import {
  DEFAULT_RULES,
  cycleOf,
  entryHours,
  schoolYearOf,
  schoolYearRange,
  semesterOf,
  targetsFor,
  type ArchiveEntry,
  type ArchiveEntryInput,
  type ArchiveList,
  type ArchiveObservations,
  type ArchivePerson,
  type ArchiveQuery,
  type ArchiveSummary,
  type FederationRules,
  type Observation,
  type PrintLink,
  type ReviewList,
  type ReviewRequest,
  type SchoolArchiveOverview,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { AppError, badRequest, conflict, forbidden, notFound } from '#lib/errors';
import { readLink, signLink } from '#lib/signed-link';
import type { AuthContext } from '#lib/tokens';
import { EntryChanged, type ArchiveRepository, type StoredEntry } from '#repositories/archive';
import type { AttendanceRepository } from '#repositories/attendance';
import type { CampaignRepository } from '#repositories/campaigns';
import type { ExchangeRepository } from '#repositories/exchanges';
import type { FederationRepository } from '#repositories/federations';
import type { MentorPairRepository } from '#repositories/mentor-pairs';
import type { RecordRepository } from '#repositories/records';
import type { SessionRepository } from '#repositories/sessions';
import type { UserRepository } from '#repositories/users';
import type { AccessPolicy, Reach } from './access.ts';
import { rotationCount, withExchanges } from './archive-exchanges.ts';
import { byDateDesc, derivedLines, enteredLine, figures, localDate, semesterForYear, utcRange } from './archive-figures.ts';
import { markDuplicates, pairDate, pairLines } from './mentor-pairs-lines.ts';
import { archiveObservationsOf } from './observation-figures.ts';
import type { UploadService } from './uploads.ts';
import { makeSchoolOverview } from './archive-overview.ts';

const PRINT_LINK_DAYS = 7;
const MAX_RANGE_DAYS = 6 * 366;

export interface ArchiveServiceDeps {
  archive: ArchiveRepository;
  attendance: AttendanceRepository;
  /** Check-ins that feed the archive (打卡 with an archive kind), read from the person's timeline. */
  campaigns: Pick<CampaignRepository, 'listCreditsOfUser' | 'listCampaignIdsOfSchool' | 'getCampaigns' | 'listCreditsOfCampaign'>;
  sessions: SessionRepository;
  /** Submitted reflections (心得) shown with the attended session's lines. */
  records: Pick<RecordRepository, 'getReflectionsOfUser'>;
  users: UserRepository;
  federations: FederationRepository;
  /** Registered 师徒结对: 带徒 / 拜师 lines, and the self-filed entries they make duplicates. */
  mentorPairs?: Pick<MentorPairRepository, 'listPairsOfUser'>;
  uploads: UploadService;
  access: AccessPolicy;
  reach: Reach;
  clock: Clock;
  getLinkKey: () => Promise<string>;
  /** 交流轮岗: the person's registered exchanges (derived lines; self-filed duplicates marked). */
  exchanges?: Pick<ExchangeRepository, 'membershipsOf'>;
  /** 听评课: the observations of the person's lessons, latest first (none: the archive shows no observation figures). */
  receivedObservations?: (userId: string) => Promise<Observation[]>;
}

/** The school a person belongs to: the first school of their teacher role, else of any school role. */
function schoolOfRoles(roles: AuthContext['roles']): string | undefined {
  const bySchool = (g: AuthContext['roles'][number]) => ('schoolId' in g.scope ? g.scope.schoolId : undefined);
  return roles.filter((g) => g.role === 'teacher').map(bySchool).find(Boolean) ?? roles.map(bySchool).find(Boolean);
}

/** Same person, same content → same id: a double tap or a retried request never files an entry twice. */
function entryId(userId: string, input: ArchiveEntryInput): string {
  return createHash('sha256').update(`${userId}|${JSON.stringify(input)}`).digest('base64url').slice(0, 22);
}

export function makeArchiveService(deps: ArchiveServiceDeps) {
  const { archive, attendance, sessions, users, federations, uploads, access, clock } = deps;
  const schoolOverview = makeSchoolOverview(deps);

  /** The person and their school's federation (read once: the rules need it too). */
  const federationOf = new WeakMap<ArchivePerson, string>();

  async function personOf(userId: string): Promise<ArchivePerson> {
    const user = await users.getUserWithRoles(userId);
    if (!user) throw notFound('这位老师不存在');
    const schoolId = schoolOfRoles(user.roles);
    const school = schoolId ? await federations.getSchool(schoolId) : undefined;
    const person: ArchivePerson = {
      id: user.id,
      name: user.name,
      ...(schoolId ? { schoolId } : {}),
      ...(school ? { schoolName: school.name } : {}),
      ...(user.position ? { position: user.position } : {}),
    };
    if (school) federationOf.set(person, school.federationId);
    return person;
  }

  /** The person whose archive is asked for: oneself, or a teacher of a school the caller administers. */
  async function viewable(auth: AuthContext, userId: string | undefined): Promise<ArchivePerson> {
    const person = await personOf(userId ?? auth.userId);
    if (person.id === auth.userId) return person;
    if (person.schoolId && (await access.administers(auth, { schoolId: person.schoolId }))) return person;
    throw forbidden('你只能查看自己或本校教师的成长档案');
  }

  async function rulesOf(federationId: string | undefined): Promise<FederationRules> {
    const rules = federationId ? await federations.getRules(federationId) : undefined;
    return { ...DEFAULT_RULES, ...rules };
  }

  async function administeredSchool(auth: AuthContext, schoolId: string) {
    const school = await federations.getSchool(schoolId);
    if (!school) throw notFound('学校不存在');
    if (!(await access.administers(auth, { schoolId }))) throw forbidden('你只能管理本校教师的成长档案');
    return school;
  }

  function periodOf(query: { year?: string | undefined; from?: string | undefined; to?: string | undefined }) {
    if (query.from || query.to) {
      const from = query.from ?? query.to ?? '';
      const to = query.to ?? query.from ?? '';
      if (from > to) throw badRequest('VALIDATION_FAILED', '开始日期不能晚于结束日期', { fieldErrors: { from: ['晚于结束日期'] } });
      if (Date.parse(to) - Date.parse(from) > MAX_RANGE_DAYS * 86_400_000) {
        throw badRequest('VALIDATION_FAILED', '时间范围最多 6 年', { fieldErrors: { to: ['范围过长'] } });
      }
      return { from, to };
    }
    return schoolYearRange(query.year ?? schoolYearOf(clock.now()));
  }

  async function timeline(person: ArchivePerson, period: { from: string; to: string }, origin: string): Promise<ArchiveEntry[]> {
    const utc = utcRange(period);
    const [entries, credits, taught, checkIns, memberships, exchangeMemberships] = await Promise.all([
      archive.listEntriesOfUser(person.id, period),
      attendance.listCreditsOfUser(person.id, utc),
      sessions.listTaughtBy(person.id, utc),
      deps.campaigns.listCreditsOfUser(person.id, period),
      pairsOf(person.id),
      deps.exchanges ? deps.exchanges.membershipsOf(person.id) : [],
    ]);
    const signedIn = credits.filter((c) => c.signedInAt).map((c) => c.sessionId);
    const [attended, reflections] = await Promise.all([
      sessions.getSessions(credits.map((c) => c.sessionId)),
      deps.records.getReflectionsOfUser(signedIn, person.id),
    ]);
    const attendedSessions = new Map(attended.map((s) => [s.id, s]));
    const entered = await Promise.all(
      entries.map(async (e) => ({ ...enteredLine(e), evidenceFiles: await uploads.withLinks(e.evidenceFiles, e.userId, origin) }) as ArchiveEntry),
    );
    const derived = derivedLines(person.id, credits, attendedSessions, taught, clock.now(), checkIns).map((line) => {
      const r = line.sessionId ? reflections.get(line.sessionId) : undefined;
      return r?.status === 'submitted' ? { ...line, sessionReflection: { text: r.text, ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}), late: r.late } } : line;
    });
    const marked = withExchanges(person.id, markDuplicates(entered, memberships), exchangeMemberships, period, localDate(clock.now()));
    return [...marked, ...derived, ...pairLines(person.id, memberships, period)].sort(byDateDesc);
  }

  const pairsOf = (userId: string) => deps.mentorPairs?.listPairsOfUser(userId) ?? Promise.resolve([]);

  /** 师徒结对 of the school year: the registered pairs, plus approved self-filed entries that duplicate none of them. */
  async function mentorshipCount(userId: string, year: string, approvedEntries: number, yearEntries: Promise<StoredEntry[]>): Promise<number> {
    if (!deps.mentorPairs) return approvedEntries;
    const range = schoolYearRange(year);
    const [memberships, entries] = await Promise.all([pairsOf(userId), approvedEntries ? yearEntries : Promise.resolve([])]);
    const ofYear = memberships.filter(({ pair }) => {
      const date = pairDate(pair);
      return date >= range.from && date <= range.to;
    });
    const lines = markDuplicates(entries.map((e) => enteredLine(e)), memberships);
    const duplicates = lines.filter((e) => e.kind === 'mentorship' && e.status === 'approved' && e.duplicateOfPairId).length;
    return ofYear.length + Math.max(0, approvedEntries - duplicates);
  }

  /** 交流轮岗 of the school year: the registered exchanges, plus approved self-filed entries that repeat none of them. */
  async function rotationsCount(userId: string, year: string, approvedEntries: number, yearEntries: Promise<StoredEntry[]>): Promise<number> {
    if (!deps.exchanges) return approvedEntries;
    const [memberships, entries] = await Promise.all([deps.exchanges.membershipsOf(userId), approvedEntries ? yearEntries : Promise.resolve([])]);
    return rotationCount(memberships, entries.map((e) => enteredLine(e)), schoolYearRange(year), approvedEntries);
  }

  async function summaryOf(person: ArchivePerson, year: string): Promise<ArchiveSummary> {
    const now = clock.now();
    const rules = await rulesOf(federationOf.get(person));
    const cycle = cycleOf(year, rules.trainingCycleStartYear);
    const semester = semesterForYear(year, now);
    const [state, credits, taught, checkIns] = await Promise.all([
      archive.getArchiveState(person.id),
      attendance.listCreditsOfUser(person.id, utcRange(cycle)),
      sessions.listTaughtBy(person.id, utcRange(schoolYearRange(year))),
      deps.campaigns.listCreditsOfUser(person.id, cycle),
    ]);
    const targets = targetsFor(person.position, rules);
    const f = figures({ year, semester, cycleStartYear: rules.trainingCycleStartYear, totals: state.years, credits, taught, targets, now, checkIns });
    // The year's entries are read once, and only when an approved self-filed 师徒结对 or 交流轮岗 could repeat a registered one.
    const mayRepeat = (deps.mentorPairs && f.counts.mentorship) || (deps.exchanges && f.counts.rotation);
    const yearEntries = mayRepeat ? archive.listEntriesOfUser(person.id, schoolYearRange(year)) : Promise.resolve([]);
    const [mentorship, rotation] = await Promise.all([
      mentorshipCount(person.id, year, f.counts.mentorship ?? 0, yearEntries),
      rotationsCount(person.id, year, f.counts.rotation ?? 0, yearEntries),
    ]);
    return {
      person,
      year,
      semester,
      training: { hours: f.hours, target: targets.trainingHoursPerYear, cycleHours: f.cycleHours, cycleTarget: targets.trainingHoursPerCycle, cycle: cycle.label },
      observations: { semester, count: f.observations, ...(targets.lessonsObservedPerSemester ? { target: targets.lessonsObservedPerSemester } : {}) },
      sessionsByKind: f.sessionsByKind,
      counts: { ...f.counts, mentorship, rotation },
      pending: state.pending,
      onTrack: f.onTrack,
    };
  }

  function stored(auth: AuthContext, id: string, schoolId: string | undefined, input: ArchiveEntryInput, evidenceFiles: StoredEntry['evidenceFiles'], createdAt: string): StoredEntry {
    const now = clock.now().toISOString();
    const instant = `${input.date}T12:00:00+08:00`;
    return {
      ...input,
      id,
      userId: auth.userId,
      ...(schoolId ? { schoolId } : {}),
      status: 'pending',
      year: schoolYearOf(instant),
      semester: semesterOf(instant),
      hours: entryHours(input),
      evidenceFiles,
      createdAt,
      updatedAt: now,
    } as StoredEntry;
  }

  function assertDate(input: ArchiveEntryInput) {
    if (input.date > localDate(clock.now())) {
      throw badRequest('VALIDATION_FAILED', '日期不能晚于今天', { fieldErrors: { date: ['日期不能晚于今天'] } });
    }
  }

  async function ownEditable(auth: AuthContext, id: string): Promise<StoredEntry> {
    const entry = await archive.getEntry(id);
    if (!entry || entry.userId !== auth.userId) throw notFound('这条记录不存在或已删除');
    if (entry.status === 'approved') throw conflict('ENTRY_NOT_EDITABLE');
    return entry;
  }

  async function withLinks(entry: StoredEntry, origin: string): Promise<ArchiveEntry> {
    return { ...enteredLine(entry), evidenceFiles: await uploads.withLinks(entry.evidenceFiles, entry.userId, origin) } as ArchiveEntry;
  }

  return {
    async list(auth: AuthContext, query: ArchiveQuery, origin: string): Promise<ArchiveList> {
      const person = await viewable(auth, query.userId);
      const period = periodOf(query);
      const entries = await timeline(person, period, origin);
      return { person, ...period, entries: query.kind ? entries.filter((e) => e.kind === query.kind) : entries };
    },

    /** 听评课 over time: the person's observed lessons, dimension means by semester and the feedback received. */
    async observations(auth: AuthContext, userId: string | undefined): Promise<ArchiveObservations> {
      const person = await viewable(auth, userId);
      return archiveObservationsOf(person.id, (await deps.receivedObservations?.(person.id)) ?? []);
    },

    async summary(auth: AuthContext, query: { year?: string | undefined; userId?: string | undefined }): Promise<ArchiveSummary> {
      const person = await viewable(auth, query.userId);
      return summaryOf(person, query.year ?? schoolYearOf(clock.now()));
    },

    async create(auth: AuthContext, input: ArchiveEntryInput, origin: string): Promise<{ entry: ArchiveEntry; created: boolean }> {
      assertDate(input);
      const id = entryId(auth.userId, input);
      const evidence = await uploads.claim(auth.userId, input.evidence);
      const entry = stored(auth, id, schoolOfRoles(auth.roles), input, evidence, clock.now().toISOString());
      const { created } = await archive.createEntry(entry);
      if (created) return { entry: await withLinks(entry, origin), created };
      const existing = await archive.getEntry(id);
      if (!existing) throw conflict('CONFLICT');
      return { entry: await withLinks(existing, origin), created };
    },

    async update(auth: AuthContext, id: string, input: ArchiveEntryInput, origin: string): Promise<ArchiveEntry> {
      assertDate(input);
      const seen = await ownEditable(auth, id);
      const evidence = await uploads.claim(auth.userId, input.evidence);
      // A sent-back entry keeps the reason until the next decision, so the reviewer sees what was asked.
      const next = { ...stored(auth, id, seen.schoolId, input, evidence, seen.createdAt), ...(seen.review ? { review: seen.review } : {}) };
      try {
        await archive.replaceEntry(next, seen);
      } catch (error) {
        if (error instanceof EntryChanged) throw conflict('CONFLICT', '这条记录刚被修改或审核过，请刷新后再试');
        throw error;
      }
      return withLinks(next, origin);
    },

    async remove(auth: AuthContext, id: string): Promise<void> {
      const seen = await ownEditable(auth, id);
      try {
        await archive.deleteEntry(seen);
      } catch (error) {
        if (error instanceof EntryChanged) throw conflict('CONFLICT', '这条记录刚被修改或审核过，请刷新后再试');
        throw error;
      }
    },

    async review(auth: AuthContext, id: string, request: ReviewRequest, origin: string): Promise<ArchiveEntry> {
      const seen = await archive.getEntry(id);
      if (!seen) throw notFound('这条记录不存在或已删除');
      if (!seen.schoolId || !(await access.administers(auth, { schoolId: seen.schoolId }))) throw forbidden('只有本校管理员可以审核这条记录');
      if (seen.userId === auth.userId) throw forbidden('不能审核自己的记录，请由学校其他管理员审核');
      await deps.reach.assertCanActOn(auth, seen.userId, undefined, '只能审核你管理的学校的教师的记录');
      if (seen.status !== 'pending') throw conflict('ALREADY_REVIEWED');
      if (request.decision === 'rejected' && !request.comment) {
        throw badRequest('VALIDATION_FAILED', '退回时请填写原因，方便老师修改', { fieldErrors: { comment: ['请填写退回原因'] } });
      }
      const profile = (await users.getProfiles([auth.userId])).get(auth.userId);
      const now = clock.now().toISOString();
      const review = {
        decision: request.decision,
        ...(request.comment ? { comment: request.comment } : {}),
        by: auth.userId,
        ...(profile ? { byName: profile.name } : {}),
        at: now,
      };
      try {
        await archive.reviewEntry(seen, review, now);
      } catch (error) {
        if (error instanceof EntryChanged) throw conflict('ALREADY_REVIEWED');
        throw error;
      }
      return withLinks({ ...seen, status: request.decision, review, updatedAt: now }, origin);
    },

    async reviews(auth: AuthContext, schoolId: string, cursor: string | undefined, origin: string): Promise<ReviewList> {
      await administeredSchool(auth, schoolId);
      const page = await archive.listPendingOfSchool(schoolId, { limit: 50, ...(cursor ? { cursor } : {}) });
      const names = await users.getProfiles([...new Set(page.items.map((e) => e.userId))]);
      const items = await Promise.all(page.items.map(async (e) => ({ ...(await withLinks(e, origin)), personName: names.get(e.userId)?.name ?? '' })));
      return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },

    /** The school's teachers against the targets, from a handful of Queries whatever the number of entries. */
    async overview(auth: AuthContext, schoolId: string, year: string | undefined): Promise<SchoolArchiveOverview> {
      const school = await administeredSchool(auth, schoolId);
      return schoolOverview(school, year, await rulesOf(school.federationId));
    },

    async printLink(auth: AuthContext, query: { year?: string | undefined; from?: string | undefined; to?: string | undefined; userId?: string | undefined }, origin: string): Promise<PrintLink> {
      const person = await viewable(auth, query.userId);
      const period = periodOf(query);
      const exp = Math.floor(clock.now().getTime() / 1000) + PRINT_LINK_DAYS * 86_400;
      const token = signLink({ u: person.id, f: period.from, t: period.to, ...(query.year ? { y: query.year } : {}), exp }, await deps.getLinkKey());
      return { url: `${origin}/v1/archive/print?t=${token}`, expiresAt: new Date(exp * 1000).toISOString() };
    },

    /** What the printable page shows: read with the link's signature instead of a login. */
    async printable(token: string, origin: string) {
      const link = readLink<{ u: string; f: string; t: string; y?: string; exp: number }>(token, await deps.getLinkKey(), clock.now().getTime());
      if (!link) throw new AppError(403, 'FORBIDDEN', '打印链接无效或已过期，请在小程序中重新生成');
      const person = await personOf(link.u);
      const period = { from: link.f, to: link.t };
      const [entries, summary, received] = await Promise.all([
        timeline(person, period, origin),
        summaryOf(person, link.y ?? schoolYearOf(`${link.t}T12:00:00+08:00`)),
        deps.receivedObservations?.(person.id) ?? [],
      ]);
      const observations = archiveObservationsOf(person.id, received, period);
      return { person, period, entries: entries.filter((e) => e.status === 'approved'), summary, observations, generatedAt: clock.now() };
    },
  };
}
export type ArchiveService = ReturnType<typeof makeArchiveService>;
