import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RULES, DEFAULT_SCALE, elapsedShare, schoolYearOf, scoreSummary, semesterDays, semesterOf, withItemIds, type Observation, type ObservationScale } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeObservationRepository } from '@lianyan/functions/repositories/observations';
import { DEMO_FEDERATION_ID, demoAccounts } from './demo.ts';
import { seedDemoSessionObservations } from './session-observations.ts';

// 听评课 for the lived-in demo of `npm start` (with the history): the default scale (in code) and a custom one; walk-in
// observations this semester so that 实验小学's principal is on track for 30 and 青山乡中心小学's is behind, which
// leaves 青山 with teachers not yet observed. Written once (its own marker), through the handlers' repository.

const TEXT = {
  strengths: ['情境导入自然，学生很快进入状态', '提问有层次，关注到后排学生', '板书结构清晰，重难点突出'],
  suggestions: ['小组讨论时间可再长一些', '练习的梯度可再拉开', '课堂小结可以交给学生来做'],
};

export async function seedDemoObservations(ctx: TableContext, now = new Date()): Promise<'seeded' | 'present'> {
  // The past 听评课 evaluated by the default scale (its own marker: added to a demo seeded before it).
  await seedDemoSessionObservations(ctx);
  const marker = { PK: 'SEED', SK: 'demo-observations-1' };
  if ((await ctx.db.send(new GetCommand({ TableName: ctx.table, Key: marker }))).Item) return 'present';
  const repo = makeObservationRepository(ctx);
  const createdAt = now.toISOString();
  const custom: ObservationScale = {
    id: 'scale-demo-reading',
    federationId: DEMO_FEDERATION_ID,
    name: '语文阅读课观察量表',
    version: 1,
    dimensions: withItemIds([
      { name: '文本解读', weight: 30, items: [{ label: '紧扣文本，解读准确' }, { label: '关注语言运用' }] },
      { name: '朗读指导', weight: 30, items: [{ label: '形式多样，指导到位' }] },
      { name: '学生参与', weight: 40, items: [{ label: '人人开口' }, { label: '质疑与表达' }] },
    ]),
    scoreRange: { min: 1, max: 10 },
    textFields: ['课堂片段'],
    builtIn: false,
    createdAt,
    updatedAt: createdAt,
  };
  if (!(await repo.getScale(custom.id))) await repo.createScale(custom);

  const accounts = new Map(demoAccounts().map((a) => [a.account, a]));
  const semester = semesterOf(now);
  const span = semesterDays(semester);
  const from = Date.parse(`${span.from}T08:00:00+08:00`);
  const due = Math.floor((DEFAULT_RULES.lessonsObservedPerSemester.principal ?? 30) * elapsedShare(span, now));
  // On track: two more than due (at least 3); behind: a third of what is due, observing two teachers only.
  const plans = [
    { observer: 'core-principal', schoolId: 'sch-core', count: Math.max(3, due + 2), teachers: [1, 2, 3, 4, 5, 6].map((i) => `core-teacher-${i}`) },
    { observer: 'qingshan-principal', schoolId: 'sch-qingshan', count: Math.max(1, Math.floor(due / 3)), teachers: ['qingshan-teacher-1', 'qingshan-teacher-2'] },
  ];
  for (const plan of plans) {
    const observer = accounts.get(plan.observer);
    if (!observer) continue;
    const step = Math.max(60_000, (now.getTime() - 3_600_000 - from) / (plan.count + 1));
    for (let i = 0; i < plan.count; i += 1) {
      const teacher = accounts.get(plan.teachers[i % plan.teachers.length] ?? '');
      if (!teacher) continue;
      const startedAt = new Date(Math.min(now.getTime() - 3_600_000, from + step * (i + 1))).toISOString();
      const scale = i % 4 === 3 && teacher.subject === '语文' ? custom : DEFAULT_SCALE;
      const scores = scale.dimensions.flatMap((d) => d.items.map((item, k) => ({ item: item.id, score: Math.min(scale.scoreRange.max, scale.scoreRange.min + 2 + ((i + k) % 3)) })));
      const observation: Observation = {
        id: `demo-obs-${plan.observer}-${i + 1}`,
        federationId: DEMO_FEDERATION_ID,
        schoolId: plan.schoolId,
        teacherId: teacher.userId,
        teacherName: teacher.name,
        observerId: observer.userId,
        observerName: observer.name,
        observerKind: 'school_leader',
        subject: teacher.subject ?? '语文',
        grade: ['三年级', '四年级', '五年级'][i % 3] ?? '三年级',
        className: `${['三年级', '四年级', '五年级'][i % 3]}(${(i % 2) + 1})班`,
        startedAt,
        semester: semesterOf(startedAt),
        scaleId: scale.id,
        scaleVersion: scale.version,
        scaleName: scale.name,
        scores,
        ...scoreSummary(scale, scores),
        notes: [{ at: new Date(Date.parse(startedAt) + 8 * 60_000).toISOString(), text: '学生自主提问，教师及时追问' }],
        strengths: TEXT.strengths[i % 3] ?? '',
        suggestions: TEXT.suggestions[i % 3] ?? '',
        clientId: `demo-${plan.observer}-${i + 1}`,
        ...(i % 2 === 0 ? { acknowledgedAt: new Date(Date.parse(startedAt) + 86_400_000).toISOString(), reflection: '谢谢指点，下节课试着改进。' } : {}),
        createdAt: startedAt,
      };
      await repo.createObservation(observation, schoolYearOf(startedAt), plan.schoolId);
    }
  }
  await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: { ...marker, type: 'seed', at: createdAt } }));
  return 'seeded';
}
