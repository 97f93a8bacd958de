import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { schoolYearOf, semesterOf, entryHours, type ArchiveEntryInput, type Attendance } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeArchiveRepository, type StoredEntry } from '@lianyan/functions/repositories/archive';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { demoAccounts } from './demo.ts';

const DAY = 86_400_000;
const date = (now: Date, daysAgo: number) => new Date(now.getTime() - daysAgo * DAY + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * A lived-in demo for `npm start`: who came to the past sessions (with credited hours) and a few growth-archive
 * entries — approved, waiting for review and sent back — so 我的档案, 档案审核 and 教师档案 have something to show.
 * Written once (its own marker), through the same repositories the handlers use.
 */
export async function seedDemoHistory(ctx: TableContext, now = new Date()): Promise<'seeded' | 'present'> {
  const marker = { PK: 'SEED', SK: 'demo-history-1' };
  if ((await ctx.db.send(new GetCommand({ TableName: ctx.table, Key: marker }))).Item) return 'present';
  const sessions = makeSessionRepository(ctx);
  const attendance = makeAttendanceRepository(ctx);
  const archive = makeArchiveRepository(ctx);
  const teachers = demoAccounts().filter((a) => a.roles.some((r) => r.role === 'teacher') && a.account !== 'organizer');
  const schoolOf = (a: (typeof teachers)[number]) => a.roles.map((r) => ('schoolId' in r.scope ? r.scope.schoolId : undefined)).find(Boolean);

  for (const [sessionId, share] of [['ses-past-joint', 0.9], ['ses-past-observe', 0.7], ['ses-past-outreach', 0.8], ['ses-past-lecture', 0.8]] as const) {
    const session = await sessions.getSession(sessionId);
    if (!session) continue;
    const audience = teachers.filter((t) => session.audienceSchoolIds?.includes(schoolOf(t) ?? ''));
    // Only who came: the absences are written by closing the session (closeDemoPast), as in real use.
    for (const [i, t] of audience.entries()) {
      const came = (i * 37) % 100 < share * 100;
      if (!came) continue;
      const late = came && i % 7 === 3;
      const signedInAt = new Date(Date.parse(session.startAt) + (late ? 15 : -5) * 60_000).toISOString();
      const record: Attendance = {
        sessionId,
        userId: t.userId,
        name: t.name,
        ...(schoolOf(t) ? { schoolId: schoolOf(t) } : {}),
        status: late ? 'late' : 'on_time',
        method: 'qr',
        signedInAt,
        signedOutAt: session.endAt,
        flags: [],
        creditedHours: late ? Math.floor(session.creditHours * 0.8 * 10) / 10 : session.creditHours,
        updatedAt: session.endAt,
      };
      await attendance.putSignIn(record, { sessionStartAt: session.startAt, sessionKind: session.kind });
    }
  }

  const admins = new Map(demoAccounts().filter((a) => a.account.endsWith('-admin')).map((a) => [a.account.replace('-admin', ''), a]));
  const entries: Array<{ account: string; input: ArchiveEntryInput; outcome: 'approved' | 'pending' | 'rejected'; comment?: string }> = [
    { account: 'core-teacher-1', outcome: 'approved', input: { kind: 'training', title: '新课标背景下的大单元教学专题培训', provider: '明湖区教师发展中心', hours: 12, certificateNo: 'MH-2026-0312', date: date(now, 40), evidence: [] } },
    { account: 'core-teacher-1', outcome: 'approved', input: { kind: 'award', title: '明湖区优质课评比一等奖', level: 'district', issuer: '明湖区教育局', date: date(now, 25), evidence: [] } },
    { account: 'core-teacher-1', outcome: 'pending', input: { kind: 'paper', title: '整本书阅读在低年级的实践与思考', publication: '明湖教育研究', level: 'city', date: date(now, 6), evidence: [] } },
    { account: 'core-teacher-2', outcome: 'approved', input: { kind: 'lesson_observation', observedTeacher: '钱子涵', observedSchool: '明湖区城东第二小学', subject: '语文', grade: '四年级', className: '四年级(2)班', topic: '爬山虎的脚', rating: 5, comments: '教学目标清晰，朗读指导到位，小组合作的任务设计层层递进，学生观察与表达的训练扎实有效。', date: date(now, 7), evidence: [] } },
    { account: 'core-teacher-2', outcome: 'pending', input: { kind: 'mentorship', role: 'mentor', partnerName: '林子涵', date: date(now, 60), evidence: [] } },
    { account: 'east2-teacher-1', outcome: 'approved', input: { kind: 'open_class', title: '《爬山虎的脚》', level: 'district', subject: '语文', grade: '四年级', date: date(now, 7), evidence: [] } },
    { account: 'east2-teacher-2', outcome: 'rejected', comment: '请补充培训证书照片', input: { kind: 'training', title: '信息技术 2.0 能力提升工程', provider: '省教育厅', hours: 30, date: date(now, 50), evidence: [] } },
    { account: 'qingshan-teacher-1', outcome: 'pending', input: { kind: 'rotation', fromSchool: '明湖区实验小学', toSchool: '青山乡中心小学', date: date(now, 80), evidence: [] } },
    { account: 'qingshan-teacher-3', outcome: 'pending', input: { kind: 'reading', book: '给教师的建议', reflection: '苏霍姆林斯基提醒我们，教师的时间从哪里来？答案是读书。每天不间断地读书，跟书籍结下终生的友谊。读完这本书，我最大的收获是学会了从学生的角度看课堂：后进生需要的不是更多的作业，而是更多的阅读和思考。这学期我在班里开设了每天二十分钟的自由阅读时间。', date: date(now, 3), evidence: [] } },
  ];
  for (const [i, e] of entries.entries()) {
    const account = teachers.find((t) => t.account === e.account);
    if (!account) continue;
    const schoolId = schoolOf(account);
    const createdAt = new Date(now.getTime() - (30 - i) * 3_600_000).toISOString();
    const instant = `${e.input.date}T12:00:00+08:00`;
    const entry = {
      ...e.input,
      id: `demo-entry-${i + 1}`,
      userId: account.userId,
      ...(schoolId ? { schoolId } : {}),
      status: 'pending',
      year: schoolYearOf(instant),
      semester: semesterOf(instant),
      hours: entryHours(e.input),
      evidenceFiles: [],
      createdAt,
      updatedAt: createdAt,
    } as StoredEntry;
    await archive.createEntry(entry);
    const admin = admins.get(e.account.split('-')[0] ?? '');
    if (e.outcome !== 'pending' && admin) {
      const at = new Date(Date.parse(createdAt) + 2 * 3_600_000).toISOString();
      await archive.reviewEntry(entry, { decision: e.outcome, ...(e.comment ? { comment: e.comment } : {}), by: admin.userId, byName: admin.name, at }, at);
    }
  }
  await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: { ...marker, seededAt: now.toISOString() } }));
  return 'seeded';
}
