import {
  CHECKIN_ERROR_MESSAGES,
  addDays,
  campaignStatusOf,
  givenName,
  isPeriodKey,
  periodLabel,
  shanghaiDay,
  type Campaign,
  type CampaignCard,
  type CampaignCompletion,
  type CampaignFeed,
  type CampaignInput,
  type CampaignList,
  type CampaignProgress,
  type CheckIn,
  type CheckInRequest,
  type CheckInResult,
  type CompletionPerson,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { AppError, badRequest, conflict, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { CampaignRepository, CheckInMark, StoredCheckIn } from '#repositories/campaigns';
import type { FederationRepository } from '#repositories/federations';
import type { UserRepository } from '#repositories/users';
import type { AccessPolicy } from './access.ts';
import { audienceSchoolOf, type AudienceResolver } from './audience.ts';
import { campaignPeriods, figuresOf, firstReminderDue, progressOf, referencePeriod, targetPeriod } from './campaigns-progress.ts';
import type { UploadService } from './uploads.ts';

const MAX_SPAN_DAYS = 731;
const FEED_PAGE = 20;
/** Ended campaigns stay in 我的打卡 this long. */
const RECENTLY_ENDED_DAYS = 30;

export interface CampaignServiceDeps {
  campaigns: CampaignRepository;
  federations: FederationRepository;
  users: UserRepository;
  audience: AudienceResolver;
  uploads: Pick<UploadService, 'claim' | 'withLinks'>;
  access: AccessPolicy;
  clock: Clock;
  newId: () => string;
}

const periodClosed = (message: string, details: Record<string, unknown>) => conflict('PERIOD_CLOSED', message, details);
const notInAudience = () => new AppError(403, 'NOT_IN_AUDIENCE', CHECKIN_ERROR_MESSAGES.NOT_IN_AUDIENCE);
const fieldError = (field: string, message: string) => badRequest('VALIDATION_FAILED', message, { fieldErrors: { [field]: [message] } });

/** Schools a person takes part through: of their teacher and parent roles and of their children. */
function memberSchools(auth: AuthContext): string[] {
  const schools = auth.roles.filter((g) => (g.role === 'teacher' || g.role === 'parent') && 'schoolId' in g.scope).map((g) => (g.scope as { schoolId: string }).schoolId);
  return [...new Set([...schools, ...(auth.children ?? []).map((c) => c.schoolId)])];
}

export function makeCampaignService(deps: CampaignServiceDeps) {
  const { campaigns, access, clock } = deps;

  async function load(id: string): Promise<Campaign> {
    const campaign = await campaigns.getCampaign(id);
    if (!campaign) throw notFound('打卡活动不存在');
    return campaign;
  }

  /** The campaign's creator, the organizers and admins of its federation, district admins: every school. */
  const managesAll = (auth: AuthContext, campaign: Pick<Campaign, 'createdBy' | 'federationId'>) =>
    campaign.createdBy === auth.userId ||
    access.holds(auth, 'organizer', { federationId: campaign.federationId }) ||
    access.holds(auth, 'federationAdmin', { federationId: campaign.federationId }) ||
    access.holds(auth, 'districtAdmin', {});

  /** The audience schools whose figures this person may see: all of them, or those they administer as a school admin. */
  function managedSchools(auth: AuthContext, campaign: Campaign): string[] {
    if (managesAll(auth, campaign)) return campaign.audienceSchoolIds;
    return campaign.audienceSchoolIds.filter((schoolId) => access.holds(auth, 'schoolAdmin', { schoolId }));
  }

  function checkDates(input: CampaignInput, today: string) {
    if (input.endDate < input.startDate) throw fieldError('endDate', '结束日期不能早于开始日期');
    if (input.endDate < today) throw fieldError('endDate', '结束日期不能早于今天');
    if (Date.parse(input.endDate) - Date.parse(input.startDate) > MAX_SPAN_DAYS * 86_400_000) throw fieldError('endDate', '一个打卡活动最长两年');
    const periods = campaignPeriods(input).length;
    if (input.requiredCount > periods) throw fieldError('requiredCount', `这段时间共 ${periods} 期，要求次数不能超过 ${periods} 次`);
    if (input.hoursPerCheckIn !== undefined && !input.archiveKind) throw fieldError('hoursPerCheckIn', '计入学时前请先选择计入成长档案的类别');
  }

  async function assertCanCreate(auth: AuthContext, input: CampaignInput) {
    if (!(await deps.federations.getFederation(input.federationId))) throw notFound('校联体不存在');
    if (managesAll(auth, { createdBy: '', federationId: input.federationId })) return;
    const { audience } = input;
    const ownSchools = (audience.type === 'schools' || audience.type === 'parents') && audience.schoolIds.every((schoolId) => access.holds(auth, 'schoolAdmin', { schoolId }));
    if (!ownSchools) throw forbidden('只有本校联体的活动组织者或管理员可以发起打卡活动；学校管理员只能面向本校发起');
  }

  async function nameOf(auth: AuthContext): Promise<string> {
    if (auth.name) return auth.name;
    return (await deps.users.getProfiles([auth.userId])).get(auth.userId)?.name ?? '';
  }

  async function view(c: StoredCheckIn, campaign: Campaign, viewer: AuthContext, hideNames: boolean, origin: string): Promise<CheckIn> {
    const mine = c.userId === viewer.userId;
    return {
      campaignId: c.campaignId,
      period: c.period,
      periodLabel: periodLabel(campaign.period, c.period),
      displayName: mine || !hideNames ? c.name : givenName(c.name),
      mine,
      ...(c.schoolId ? { schoolId: c.schoolId } : {}),
      text: c.text,
      photos: await deps.uploads.withLinks(c.photos, c.userId, origin),
      makeup: c.makeup,
      date: c.date,
      createdAt: c.createdAt,
    };
  }

  async function progressFor(auth: AuthContext, campaign: Campaign, origin: string, justWritten?: StoredCheckIn): Promise<CampaignProgress> {
    const stored = await campaigns.listCheckInsOfUserInCampaign(auth.userId, campaign.id, { from: campaign.startDate, to: campaign.endDate });
    // The timeline index is eventually consistent: the check-in just written is added if it is not there yet.
    const all = justWritten && !stored.some((c) => c.period === justWritten.period) ? [...stored, justWritten] : stored;
    const progress = progressOf(campaign, all, clock.now());
    const newestFirst = [...all].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { ...progress, checkIns: await Promise.all(newestFirst.map((c) => view(c, campaign, auth, false, origin))) };
  }

  function assertContent(campaign: Campaign, request: CheckInRequest) {
    const length = [...request.text].length;
    if (length < campaign.minTextLength) {
      throw badRequest('CONTENT_TOO_SHORT', `打卡内容至少 ${campaign.minTextLength} 个字，现在 ${length} 个字，请再写几句`, {
        min: campaign.minTextLength,
        length,
        fieldErrors: { text: [`至少 ${campaign.minTextLength} 个字`] },
      });
    }
    const photos = new Set(request.photos).size;
    if (photos < campaign.minPhotos) {
      throw badRequest('PHOTOS_REQUIRED', `请至少上传 ${campaign.minPhotos} 张照片（现在 ${photos} 张）`, {
        min: campaign.minPhotos,
        count: photos,
        fieldErrors: { photos: [`至少 ${campaign.minPhotos} 张照片`] },
      });
    }
  }

  function alreadyCheckedIn(existing: StoredCheckIn, campaign: Campaign) {
    return conflict('ALREADY_CHECKED_IN', `${periodLabel(campaign.period, existing.period)}已经打过卡了，不用重复提交`, {
      period: existing.period,
      checkedInAt: existing.createdAt,
    });
  }

  return {
    load,

    async create(auth: AuthContext, input: CampaignInput): Promise<Campaign> {
      const now = clock.now();
      await assertCanCreate(auth, input);
      checkDates(input, shanghaiDay(now));
      const campaign: Campaign = {
        ...input,
        id: deps.newId(),
        createdBy: auth.userId,
        audienceSchoolIds: await deps.audience.resolveSchools(input.federationId, input.audience),
        createdAt: now.toISOString(),
      };
      await campaigns.putCampaign(campaign, firstReminderDue(campaign, now));
      return campaign;
    },

    /** 我的打卡 with this period's state and streak (one Query of the person's check-ins), and what the caller manages. */
    async list(auth: AuthContext): Promise<CampaignList> {
      const today = shanghaiDay(clock.now());
      const idLists = await Promise.all(memberSchools(auth).map((schoolId) => campaigns.listCampaignIdsOfSchool(schoolId, addDays(today, -RECENTLY_ENDED_DAYS))));
      const joined = (await campaigns.getCampaigns(idLists.flat())).filter((c) => audienceSchoolOf(c, auth) !== undefined);
      let marks: CheckInMark[] = [];
      if (joined.length) {
        const from = joined.map((c) => c.startDate).sort()[0] as string;
        const to = joined.map((c) => c.endDate).sort().at(-1) as string;
        marks = await campaigns.listCheckInsOfUser(auth.userId, { from, to });
      }
      const order = { running: 0, upcoming: 1, ended: 2 } as const;
      const mine: CampaignCard[] = joined
        .map((campaign) => {
          const f = figuresOf(campaign, marks.filter((m) => m.campaignId === campaign.id), today);
          const status = campaignStatusOf(campaign, today);
          return {
            campaign,
            status,
            ...(status === 'running' ? { currentLabel: periodLabel(campaign.period, referencePeriod(campaign, today)) } : {}),
            checkedInThisPeriod: status === 'running' && f.checkedInThisPeriod,
            count: f.count,
            required: campaign.requiredCount,
            streak: f.streak,
          };
        })
        .sort((a, b) => order[a.status] - order[b.status] || a.campaign.endDate.localeCompare(b.campaign.endDate));

      const managed = new Map<string, Campaign>();
      const federationIds = new Set(auth.roles.filter((g) => (g.role === 'organizer' || g.role === 'federationAdmin') && 'federationId' in g.scope).map((g) => (g.scope as { federationId: string }).federationId));
      if (access.holds(auth, 'districtAdmin', {})) for (const f of await deps.federations.listFederations()) federationIds.add(f.id);
      for (const federationId of federationIds) for (const c of await campaigns.listCampaignsOfFederation(federationId)) managed.set(c.id, c);
      const adminSchools = auth.roles.filter((g) => g.role === 'schoolAdmin' && 'schoolId' in g.scope).map((g) => (g.scope as { schoolId: string }).schoolId);
      const adminIds = (await Promise.all(adminSchools.map((schoolId) => campaigns.listCampaignIdsOfSchool(schoolId, addDays(today, -365))))).flat();
      for (const c of await campaigns.getCampaigns(adminIds.filter((id) => !managed.has(id)))) managed.set(c.id, c);
      return { mine, managed: [...managed.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
    },

    async progress(auth: AuthContext, id: string, origin: string): Promise<CampaignProgress> {
      const campaign = await load(id);
      if (audienceSchoolOf(campaign, auth) === undefined) throw notInAudience();
      return progressFor(auth, campaign, origin);
    },

    /**
     * One check-in per (campaign, period, person). Every refusal happens before anything is written; the write is a
     * conditional put (a make-up: a transaction with the make-up count), so concurrent requests make exactly one item.
     */
    async checkIn(auth: AuthContext, id: string, request: CheckInRequest, origin: string): Promise<CheckInResult & { created: boolean }> {
      const campaign = await load(id);
      const schoolId = audienceSchoolOf(campaign, auth);
      if (schoolId === undefined) throw notInAudience();
      const now = clock.now();
      const today = shanghaiDay(now);
      if (request.period !== undefined && !isPeriodKey(campaign.period, request.period)) throw fieldError('period', '期次格式不正确');
      const target = targetPeriod(campaign, today, request.period);
      if ('closed' in target) {
        const messages = {
          not_started: `打卡活动 ${campaign.startDate} 开始，届时再来打卡`,
          ended: `打卡活动已于 ${campaign.endDate} 结束，不能再打卡`,
          future: '还没到这一期，不能提前打卡',
          outside: '这一期不在打卡活动的时间范围内',
        };
        throw periodClosed(messages[target.closed], { reason: target.closed, startDate: campaign.startDate, endDate: campaign.endDate });
      }
      assertContent(campaign, request);

      const retryOf = (existing: StoredCheckIn | undefined) => existing && request.requestId !== undefined && existing.requestId === request.requestId;
      const answerExisting = async (existing: StoredCheckIn) => {
        if (!retryOf(existing)) throw alreadyCheckedIn(existing, campaign);
        return { checkIn: await view(existing, campaign, auth, false, origin), alreadyCheckedIn: true, progress: await progressFor(auth, campaign, origin, existing), created: false };
      };
      const existing = await campaigns.getCheckIn(id, target.period, auth.userId);
      if (existing) return answerExisting(existing);
      const exhausted = () => conflict('MAKEUP_EXHAUSTED', campaign.makeupAllowance ? `补卡次数已用完（共 ${campaign.makeupAllowance} 次），之后请按时打卡` : '这个打卡活动不能补卡', { allowance: campaign.makeupAllowance });
      if (target.makeup && (await campaigns.getMakeupsUsed(id, auth.userId)) >= campaign.makeupAllowance) throw exhausted();

      const photos = await deps.uploads.claim(auth.userId, request.photos);
      const stored: StoredCheckIn = {
        campaignId: id,
        userId: auth.userId,
        name: await nameOf(auth),
        schoolId,
        period: target.period,
        text: request.text,
        photos,
        makeup: target.makeup,
        date: today,
        createdAt: now.toISOString(),
        ...(request.requestId ? { requestId: request.requestId } : {}),
        campaignTitle: campaign.title,
        ...(campaign.archiveKind ? { archiveKind: campaign.archiveKind, hours: campaign.hoursPerCheckIn ?? 0 } : {}),
      };
      const outcome = target.makeup ? await campaigns.putMakeupCheckIn(stored, campaign.makeupAllowance) : await campaigns.putCheckIn(stored);
      if (outcome === 'exhausted') throw exhausted();
      if (outcome === 'exists') {
        const winner = await campaigns.getCheckIn(id, target.period, auth.userId);
        if (!winner) throw conflict('CONFLICT');
        return answerExisting(winner);
      }
      return { checkIn: await view(stored, campaign, auth, false, origin), alreadyCheckedIn: false, progress: await progressFor(auth, campaign, origin, stored), created: true };
    },

    /** The check-ins of one school, newest first; in a parents' campaign other parents show only their given names. */
    async feed(auth: AuthContext, id: string, query: { schoolId?: string | undefined; cursor?: string | undefined }, origin: string): Promise<CampaignFeed> {
      const campaign = await load(id);
      const own = audienceSchoolOf(campaign, auth);
      const managed = managedSchools(auth, campaign);
      const schoolId = query.schoolId ?? own ?? managed[0];
      if (schoolId === undefined) throw notInAudience();
      const asManager = managed.includes(schoolId);
      if (!asManager && schoolId !== own) throw forbidden('只能查看本校的打卡动态');
      const hideNames = campaign.audience.type === 'parents' && !asManager;
      const page = await campaigns.listFeed(id, schoolId, { limit: FEED_PAGE, cursor: query.cursor });
      const items = await Promise.all(page.items.map((c) => view(c, campaign, auth, hideNames, origin)));
      return { schoolId, items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },

    /** Completion by school and by person, and who has not checked in the period: members of the audience against the campaign's check-ins. */
    async completion(auth: AuthContext, id: string, query: { period?: string | undefined }): Promise<CampaignCompletion> {
      const campaign = await load(id);
      const schools = managedSchools(auth, campaign);
      if (!schools.length) throw forbidden('只有活动的组织者或参与学校的管理员可以查看完成情况');
      const today = shanghaiDay(clock.now());
      const period = query.period ?? referencePeriod(campaign, today);
      if (!isPeriodKey(campaign.period, period) || !campaignPeriods(campaign).includes(period)) throw fieldError('period', '这一期不在打卡活动的时间范围内');
      const [members, marks, schoolList] = await Promise.all([
        deps.audience.listMembers(campaign),
        campaigns.listCheckInsOfCampaign(id),
        deps.federations.listSchoolsOfFederation(campaign.federationId),
      ]);
      const schoolNames = new Map(schoolList.map((s) => [s.id, s.name]));
      const marksOf = new Map<string, CheckInMark[]>();
      for (const m of marks) marksOf.set(m.userId, [...(marksOf.get(m.userId) ?? []), m]);
      const schoolOrder = (sid: string) => campaign.audienceSchoolIds.indexOf(sid);
      const people: CompletionPerson[] = members
        .filter((m) => schools.includes(m.schoolId))
        .map((m) => {
          const f = figuresOf(campaign, marksOf.get(m.id) ?? [], today, period);
          return {
            userId: m.id,
            name: m.name,
            schoolId: m.schoolId,
            schoolName: schoolNames.get(m.schoolId) ?? m.schoolId,
            count: f.count,
            completed: f.completed,
            checkedInThisPeriod: f.checkedInThisPeriod,
            streak: f.streak,
            makeupsUsed: f.makeupsUsed,
            ...(f.lastCheckInAt ? { lastCheckInAt: f.lastCheckInAt } : {}),
          };
        })
        .sort((a, b) => schoolOrder(a.schoolId) - schoolOrder(b.schoolId) || a.name.localeCompare(b.name, 'zh-CN'));
      const bySchool = schools.map((schoolId) => {
        const rows = people.filter((p) => p.schoolId === schoolId);
        const checkedIn = rows.filter((p) => p.checkedInThisPeriod).length;
        return {
          schoolId,
          schoolName: schoolNames.get(schoolId) ?? schoolId,
          members: rows.length,
          checkedInThisPeriod: checkedIn,
          completed: rows.filter((p) => p.completed).length,
          periodRate: rows.length ? Math.round((checkedIn / rows.length) * 1000) / 1000 : 0,
        };
      });
      return {
        campaign,
        period: { period, label: periodLabel(campaign.period, period) },
        required: campaign.requiredCount,
        schools: bySchool,
        people,
        missing: people.filter((p) => !p.checkedInThisPeriod),
      };
    },
  };
}
export type CampaignService = ReturnType<typeof makeCampaignService>;
