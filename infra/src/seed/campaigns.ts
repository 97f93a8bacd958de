import { addDays, periodKey, periodRange, periodsBetween, shanghaiDay, type Campaign } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeCampaignRepository, type StoredCheckIn } from '@lianyan/functions/repositories/campaigns';
import { firstReminderDue } from '@lianyan/functions/services/campaigns-progress';
import { DEMO_FEDERATION_ID, DEMO_SCHOOLS, demoAccounts } from './demo.ts';

const ETHICS = 'cmp-demo-ethics';
const PARENTS = 'cmp-demo-parents';
const READING = 'cmp-demo-reading';

const ETHICS_TEXTS = [
  '学习《新时代中小学教师职业行为十项准则》，对照自己的课堂，要更耐心地倾听后进生的想法，不以成绩论学生。',
  '读了张桂梅老师的事迹，深受触动：教育是一份责任，更是一份坚守。本月我坚持每天与两名学生谈心。',
  '学习师德警示案例，明确有偿补课、收受礼品等红线。在家长群里主动说明班级不收任何礼品。',
  '观看“最美教师”颁奖视频，反思自己在作业布置上的随意，本月起每天作业控制在规定时长内。',
  '学习《教师法》修订要点，重新认识教师的权利与义务，班级管理中更注重保护学生隐私。',
  '与教研组同事交流关爱留守儿童的做法，建立了班上三名留守学生的成长记录，每周电话联系家长一次。',
];
const PARENT_TEXTS = [
  '本周学习《正面管教》第二章，尝试用“启发式提问”代替命令，孩子主动收拾了书包。',
  '听了家长学校的幼小衔接讲座，和孩子一起制定了作息表，每天睡前阅读二十分钟。',
  '学习如何与孩子谈论情绪，孩子发脾气时先共情再讲道理，效果比以前好很多。',
  '本周和孩子一起做了家务分工表，孩子负责浇花和摆碗筷，坚持了五天。',
  '读《好妈妈胜过好老师》，反思自己总拿孩子和别人比较，以后多看孩子自己的进步。',
  '陪孩子完成科学小实验，鼓励她把观察记录写下来，她很有成就感。',
];

/** The demo campaigns, their dates counted from the day they are first seeded. */
function demoCampaigns(today: string, createdAt: string): Campaign[] {
  const month = (offset: number) => {
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 + offset];
    return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  };
  const teacherSchools = DEMO_SCHOOLS.map((s) => s.id);
  const ethicsStart = month(-5);
  const ethicsEnd = addDays(month(7), -1);
  return [
    {
      id: ETHICS,
      federationId: DEMO_FEDERATION_ID,
      title: '每月师德学习',
      description: '每月学习一篇师德文章或案例，写下不少于 30 字的学习体会，可附学习笔记照片。',
      audience: { type: 'federation' },
      audienceSchoolIds: teacherSchools,
      period: 'monthly',
      requiredCount: periodsBetween('monthly', ethicsStart, ethicsEnd).length - 1,
      startDate: ethicsStart,
      endDate: ethicsEnd,
      minTextLength: 30,
      minPhotos: 0,
      makeupAllowance: 1,
      reminderTime: '20:00',
      createdBy: 'u-fed-admin',
      createdAt,
    },
    {
      id: PARENTS,
      federationId: DEMO_FEDERATION_ID,
      title: '家长学校学习打卡',
      description: '每周学习一节家庭教育课程或读一章家教书籍，记录和孩子相处的一点改变。',
      audience: { type: 'parents', schoolIds: ['sch-core', 'sch-qingshan'] },
      audienceSchoolIds: ['sch-core', 'sch-qingshan'],
      period: 'weekly',
      requiredCount: 12,
      startDate: periodRange('weekly', periodKey('weekly', addDays(today, -42))).from,
      endDate: periodRange('weekly', periodKey('weekly', addDays(today, 70))).to,
      minTextLength: 10,
      minPhotos: 0,
      makeupAllowance: 2,
      reminderTime: '20:30',
      createdBy: 'u-core-admin',
      createdAt,
    },
    {
      id: READING,
      federationId: DEMO_FEDERATION_ID,
      title: '每学期精读一本教育经典',
      description: '每学期精读一本教育经典，写不少于 300 字的读书心得，计入成长档案“读书学习”，每次 4 学时。',
      audience: { type: 'federation' },
      audienceSchoolIds: teacherSchools,
      period: 'semester',
      requiredCount: 2,
      startDate: month(-1),
      endDate: addDays(month(11), -1),
      minTextLength: 300,
      minPhotos: 1,
      makeupAllowance: 0,
      archiveKind: 'reading',
      hoursPerCheckIn: 4,
      createdBy: 'u-fed-admin',
      createdAt,
    },
  ];
}

/** Who keeps an unbroken streak (every past period, on every start) and who has a patchy history (first seed only). */
const STREAKS: Record<string, string[]> = { [ETHICS]: ['core-teacher-1', 'east2-teacher-2'], [PARENTS]: ['parent-1', 'parent-3'] };
const PATCHY: Record<string, string[]> = { [ETHICS]: ['core-teacher-2', 'core-teacher-4', 'east2-teacher-1', 'qingshan-teacher-1', 'donghu-teacher-2'], [PARENTS]: ['parent-2', 'parent-4'] };

/**
 * Makes sure the demo has check-ins to show: 每月师德学习 for every teacher, 家长学校学习打卡 for parents and
 * 每学期精读一本教育经典 (feeding the archive), with past periods filled in for a few people so a demo teacher
 * (core-teacher-1) sees a streak. Idempotent: campaigns and check-ins are conditional puts; the current period is
 * left open for the visitor to check in.
 */
export async function ensureCampaignDemo(ctx: TableContext, now = new Date()): Promise<string[]> {
  const repo = makeCampaignRepository(ctx);
  const today = shanghaiDay(now);
  const accounts = new Map(demoAccounts().map((a) => [a.account, a]));
  const schoolOf = (account: string) => {
    const a = accounts.get(account);
    const grant = a?.roles.find((r) => 'schoolId' in r.scope);
    return grant && 'schoolId' in grant.scope ? grant.scope.schoolId : undefined;
  };
  const ids: string[] = [];
  for (const fresh of demoCampaigns(today, now.toISOString())) {
    let campaign = await repo.getCampaign(fresh.id);
    const created = !campaign;
    if (!campaign) {
      campaign = fresh;
      await repo.putCampaign(campaign, firstReminderDue(campaign, now));
    }
    ids.push(campaign.id);
    const current = periodKey(campaign.period, today);
    const past = periodsBetween(campaign.period, campaign.startDate, campaign.endDate).filter((p) => p < current);
    const texts = campaign.period === 'weekly' ? PARENT_TEXTS : ETHICS_TEXTS;
    const write = async (account: string, period: string, i: number, makeup = false) => {
      const person = accounts.get(account);
      if (!person) return;
      const { from, to } = periodRange(campaign.period, period);
      // Some day inside the period (weeks have seven).
      const day = makeup ? to : addDays(from, (i % 4) + 1);
      const checkIn: StoredCheckIn = {
        campaignId: campaign.id,
        userId: person.userId,
        name: person.name,
        ...(schoolOf(account) ? { schoolId: schoolOf(account) } : {}),
        period,
        text: texts[i % texts.length] as string,
        photos: [],
        makeup,
        date: day,
        createdAt: new Date(`${day}T${String(19 + (i % 3)).padStart(2, '0')}:1${i % 10}:00+08:00`).toISOString(),
        campaignTitle: campaign.title,
      };
      await repo.putCheckIn(checkIn);
    };
    for (const account of STREAKS[campaign.id] ?? []) for (const [i, period] of past.entries()) await write(account, period, i + account.length);
    if (!created) continue;
    for (const [n, account] of (PATCHY[campaign.id] ?? []).entries()) {
      for (const [i, period] of past.entries()) if ((i + n) % 3 !== 1) await write(account, period, i + n);
    }
  }
  return ids;
}
