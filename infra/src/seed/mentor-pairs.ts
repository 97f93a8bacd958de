import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { schoolYearOf, schoolYearRange, type MentorLog, type MentorPair } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeMentorPairRepository } from '@lianyan/functions/repositories/mentor-pairs';
import { pairIdOf } from '@lianyan/functions/services/mentor-pairs';
import { demoAccounts } from './demo.ts';

const DAY = 86_400_000;

/**
 * 师徒结对 for `npm start` (after the history, whose attendance makes the observation): three pairs of the current
 * school year with logs — 梁俊杰 (实验小学) and 钱子涵 (城东二小) across two schools, with the 听评课 she taught and he
 * attended (ses-past-observe) counted as an observation; 向丽娟 and 徐静怡 for the rural school; 叶春兰 and 钟雅婷,
 * evaluated. Not part of `seedHistory`: the registered pairs count in the reports, and the tests' demo figures
 * (demo-records) are computed without them. Written once (its own marker), through the handlers' repository.
 */
export async function seedDemoMentorPairs(ctx: TableContext, now = new Date()): Promise<'seeded' | 'present'> {
  const marker = { PK: 'SEED', SK: 'demo-mentor-pairs-1' };
  if ((await ctx.db.send(new GetCommand({ TableName: ctx.table, Key: marker }))).Item) return 'present';
  const repo = makeMentorPairRepository(ctx);
  const accounts = new Map(demoAccounts().map((a) => [a.account, a]));
  const schoolYear = schoolYearOf(now);
  const year = schoolYearRange(schoolYear);
  const today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  /** A day `daysAgo` before today, kept within the school year. */
  const day = (daysAgo: number) => {
    const d = new Date(now.getTime() - daysAgo * DAY + 8 * 3_600_000).toISOString().slice(0, 10);
    return d < year.from ? year.from : d > today ? today : d;
  };
  const SCHOOL_NAMES: Record<string, string> = { 'sch-core': '明湖区实验小学', 'sch-east2': '明湖区城东第二小学', 'sch-qingshan': '青山乡中心小学', 'sch-donghu': '东湖小学' };
  const person = (account: string) => {
    const a = accounts.get(account);
    if (!a) throw new Error(`no demo account ${account}`);
    const schoolId = a.roles.map((r) => ('schoolId' in r.scope ? r.scope.schoolId : undefined)).find(Boolean) ?? '';
    return { id: a.userId, name: a.name, schoolId, schoolName: SCHOOL_NAMES[schoolId] ?? '' };
  };

  const pairs: Array<{ mentor: string; mentee: string; subject: string; schoolId: string; admin: string; goals: string; logs: Array<{ by: 'mentor' | 'mentee'; daysAgo: number; kind: MentorLog['kind']; text: string }>; rating?: 'excellent' }> = [
    {
      mentor: 'core-principal',
      mentee: 'east2-teacher-1',
      subject: '语文',
      schoolId: 'sch-east2',
      admin: 'east2-admin',
      goals: '一学年内上好一节区级语文公开课，形成一份单元整体教学设计。',
      logs: [
        { by: 'mentor', daysAgo: 20, kind: 'guidance', text: '和钱老师一起梳理四年级上册第三单元的教学目标，确定《爬山虎的脚》以“连续观察”为主线。' },
        { by: 'mentee', daysAgo: 10, kind: 'lesson_plan', text: '按师傅的建议改了第二稿教案：导入改为观察图片，小组任务增加“说一说叶子怎么变化”。' },
        { by: 'mentor', daysAgo: 6, kind: 'observation', text: '听了《爬山虎的脚》，朗读指导扎实；建议板书再突出“触、变、巴、拉”四个动词。' },
      ],
    },
    {
      mentor: 'east2-teacher-2',
      mentee: 'qingshan-teacher-2',
      subject: '数学',
      schoolId: 'sch-qingshan',
      admin: 'qingshan-admin',
      goals: '帮助徐老师掌握六年级“分数除法”单元的教学重难点，每月线上磨课一次。',
      logs: [{ by: 'mentee', daysAgo: 12, kind: 'guidance', text: '线上和向老师交流“分数除以整数”的算理讲解，准备用画图的方法帮学生理解。' }],
    },
    {
      mentor: 'core-teacher-2',
      mentee: 'donghu-teacher-2',
      subject: '数学',
      schoolId: 'sch-core',
      admin: 'core-admin',
      goals: '提升课堂提问与作业设计能力。',
      logs: [
        { by: 'mentor', daysAgo: 15, kind: 'other', text: '一起研读“双减”作业设计指南，约定每周交一份分层作业。' },
        { by: 'mentee', daysAgo: 4, kind: 'lesson_plan', text: '交了第三周的分层作业，叶老师批注了基础题的梯度。' },
      ],
      rating: 'excellent',
    },
  ];

  for (const [i, p] of pairs.entries()) {
    const mentor = person(p.mentor);
    const mentee = person(p.mentee);
    const admin = person(p.admin);
    const createdAt = new Date(`${day(30 - i)}T09:00:00+08:00`).toISOString();
    const pair: MentorPair = {
      id: pairIdOf(mentor.id, mentee.id, p.subject, schoolYear),
      schoolId: p.schoolId,
      federationId: 'fed-chengdong',
      mentor,
      mentee,
      subject: p.subject,
      schoolYear,
      goals: p.goals,
      createdAt,
      createdBy: admin.id,
    };
    await repo.createPair(pair);
    for (const [j, log] of p.logs.entries()) {
      const author = log.by === 'mentor' ? mentor : mentee;
      const date = day(log.daysAgo);
      await repo.putLog({
        id: `demo-${i + 1}-${j + 1}`,
        pairId: pair.id,
        authorId: author.id,
        authorName: author.name,
        authorRole: log.by,
        date,
        kind: log.kind,
        text: log.text,
        files: [],
        createdAt: new Date(`${date}T18:00:00+08:00`).toISOString(),
      });
    }
    if (p.rating) {
      await repo.putEvaluation(pair, { rating: p.rating, comment: '结对计划落实到位，徒弟的作业设计进步明显。', schoolYear, by: admin.id, byName: admin.name, at: now.toISOString() });
    }
  }
  await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: { ...marker, seededAt: now.toISOString() } }));
  return 'seeded';
}
