import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_SCALE, schoolYearOf, scoreSummary, semesterOf, type Observation, type SessionEvaluation } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeObservationRepository } from '@lianyan/functions/repositories/observations';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { DEMO_FEDERATION_ID, DEMO_GROUPS } from './demo.ts';

// The demo's past 听评课 (《爬山虎的脚》, `npm start` with the history) names the default observation scale, and three of
// those who signed in gave their 评课 with it: observations of 钱子涵 that her coverage, the observers' counts and her
// 我的听课 show — written as the 评课 route writes them (the attendance marked, so it does not count the lesson twice).

const SESSION_ID = 'ses-past-observe';
const FEEDBACK = [
  { strengths: '朗读指导层层递进，学生读出了爬山虎“一脚一脚”的节奏', suggestions: '连续观察的方法可以让学生先说再写' },
  { strengths: '借助图片和实物理解“触角”，直观有效', suggestions: '小组汇报时间偏紧，可压缩导入' },
  { strengths: '板书以“叶—茎—脚”为线索，结构清楚', suggestions: '课后观察日记的要求可以更具体' },
];

export async function seedDemoSessionObservations(ctx: TableContext): Promise<'seeded' | 'present' | 'absent'> {
  const marker = { PK: 'SEED', SK: 'demo-session-observations-1' };
  if ((await ctx.db.send(new GetCommand({ TableName: ctx.table, Key: marker }))).Item) return 'present';
  const sessions = makeSessionRepository(ctx);
  const session = await sessions.getSession(SESSION_ID);
  const teacherId = session?.lesson?.teacherId;
  if (!session || !teacherId) return 'absent';
  await sessions.putSession({ ...session, scaleId: DEFAULT_SCALE.id });

  const group = new Set(DEMO_GROUPS.filter((g) => g.subject === session.subject && g.grade === session.grade).flatMap((g) => [g.leader, ...g.members].map((a) => `u-${a}`)));
  const roster = await makeAttendanceRepository(ctx).listWholeRoster(SESSION_ID);
  const observers = roster.filter((a) => a.signedInAt && a.userId !== teacherId).sort((a, b) => a.userId.localeCompare(b.userId)).slice(0, FEEDBACK.length);
  const repo = makeObservationRepository(ctx);
  const startedAt = new Date(session.startAt).toISOString();
  for (const [i, observer] of observers.entries()) {
    const scores = DEFAULT_SCALE.dimensions.flatMap((d) => d.items.map((item, k) => ({ item: item.id, score: 3 + ((i + k) % 3) })));
    const at = new Date(Date.parse(session.endAt) + (i + 1) * 600_000).toISOString();
    const observation: Observation = {
      id: `demo-session-obs-${i + 1}`,
      federationId: DEMO_FEDERATION_ID,
      schoolId: session.hostSchoolId,
      teacherId,
      teacherName: session.lesson?.teacherName ?? '',
      observerId: observer.userId,
      observerName: observer.name,
      observerKind: group.has(observer.userId) ? 'group' : 'peer',
      subject: session.subject ?? '',
      grade: session.grade ?? '',
      className: session.lesson?.className ?? '',
      topic: (session.lesson?.topic ?? '').replace(/^《|》$/g, ''),
      startedAt,
      semester: semesterOf(startedAt),
      scaleId: DEFAULT_SCALE.id,
      scaleVersion: DEFAULT_SCALE.version,
      scaleName: DEFAULT_SCALE.name,
      scores,
      ...scoreSummary(DEFAULT_SCALE, scores),
      notes: [],
      ...FEEDBACK[i]!,
      clientId: `session-${SESSION_ID}`,
      sessionId: SESSION_ID,
      createdAt: at,
      updatedAt: at,
    };
    const { id, scaleId, scaleVersion, scaleName, dimensions, total, strengths, suggestions } = observation;
    const evaluation: SessionEvaluation = { sessionId: SESSION_ID, userId: observer.userId, name: observer.name, observationId: id, scaleId, scaleVersion, scaleName, scores, dimensions, total, strengths, suggestions, createdAt: at, updatedAt: at };
    await repo.saveSessionObservation(observation, evaluation, { isNew: true, year: schoolYearOf(startedAt), observerSchoolId: observer.schoolId });
  }
  await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: { ...marker, type: 'seed', at: new Date().toISOString() } }));
  return 'seeded';
}
