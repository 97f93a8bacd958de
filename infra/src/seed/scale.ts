import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RULES, previousSemester, semesterOf, semesterDays, type Attendance, type Session } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { DEMO_FEDERATION_ID, DEMO_SCHOOLS } from './demo.ts';

const DAY = 86_400_000;
const SUBJECTS = ['语文', '数学', '英语', '科学', '音乐', '体育', '美术', '道德与法治'];

/** Runs `task` over `items` with at most `limit` in flight. */
async function inBatches<T>(items: T[], limit: number, task: (item: T, index: number) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map((item, j) => task(item, i + j)));
}

export const scaleAccount = (i: number) => `scale-t-${i}`;

/**
 * SEED_SCALE=N: N more teachers across the demo schools (dev accounts `scale-t-0` …), one past session per
 * 100 teachers, each attended by about 100 of them — so rosters, timelines and school semesters have volume.
 */
export async function seedScale(ctx: TableContext, scale: number, now = new Date()): Promise<'seeded' | 'present'> {
  const marker = { PK: 'SEED', SK: `scale#${scale}` };
  if ((await ctx.db.send(new GetCommand({ TableName: ctx.table, Key: marker }))).Item) return 'present';
  const users = makeUserRepository(ctx);
  const sessions = makeSessionRepository(ctx);
  const attendance = makeAttendanceRepository(ctx);
  const createdAt = new Date(now.getTime() - 90 * DAY).toISOString();
  const teachers = Array.from({ length: scale }, (_, i) => ({
    id: `u-${scaleAccount(i)}`,
    account: scaleAccount(i),
    name: `教师${String(i).padStart(4, '0')}`,
    schoolId: DEMO_SCHOOLS[i % DEMO_SCHOOLS.length]!.id,
    subject: SUBJECTS[i % SUBJECTS.length]!,
  }));
  await inBatches(teachers, 25, (t) =>
    users.createUserWithIdentities(
      { id: t.id, name: t.name, subject: t.subject, position: 'teacher', createdAt },
      [{ provider: 'dev', externalId: t.account }],
      [{ role: 'teacher', scope: { schoolId: t.schoolId } }],
    ),
  );
  const sessionCount = Math.max(1, Math.ceil(scale / 100));
  for (let s = 0; s < sessionCount; s++) {
    const start = new Date(now.getTime() - (s + 1) * 2 * DAY);
    const session: Session = {
      id: `ses-scale-${s}`,
      federationId: DEMO_FEDERATION_ID,
      hostSchoolId: DEMO_SCHOOLS[s % DEMO_SCHOOLS.length]!.id,
      organizerId: 'u-organizer',
      kind: 'joint_research',
      mode: 'offline',
      title: `规模测试联合教研 ${s + 1}`,
      venue: { name: '报告厅', lat: 30.2741, lng: 120.1551, radiusM: 300 },
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
      signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
      signOutRequired: false,
      creditHours: 2,
      audience: { type: 'federation' },
      audienceSchoolIds: DEMO_SCHOOLS.map((x) => x.id),
      registrationRequired: false,
      status: 'closed',
      createdAt,
    };
    await sessions.putSession(session);
    const attendees = teachers.slice(s * 100, s * 100 + 100);
    await inBatches(attendees, 25, (t, i) => {
      const record: Attendance = {
        sessionId: session.id,
        userId: t.id,
        name: t.name,
        schoolId: t.schoolId,
        status: i % 10 === 0 ? 'late' : 'on_time',
        method: 'qr',
        signedInAt: new Date(start.getTime() + (i % 20) * 60_000).toISOString(),
        deviceId: `device-${t.id}`,
        flags: [],
        creditedHours: 2,
        updatedAt: start.toISOString(),
      };
      return attendance.putSignIn(record, { sessionStartAt: session.startAt, sessionKind: session.kind });
    });
  }
  await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: { ...marker, seededAt: now.toISOString() } }));
  return 'seeded';
}

export interface ReportScale {
  schools: number;
  teachersPerSchool: number;
  sessionsPerSemester: number;
  attendeesPerSession: number;
}

/** The size: 5 schools × 200 teachers, 60 sessions a semester of 200 attendees (12,000 records). */
export const REPORT_SCALE: ReportScale = { schools: 5, teachersPerSchool: 200, sessionsPerSemester: 60, attendeesPerSession: 200 };
export const REPORT_FEDERATION_ID = 'fed-bench';
export const REPORT_ADMIN_ACCOUNT = 'bench-fed-admin';

/**
 * A federation of its own for measuring reports (`fed-bench`, admin `bench-fed-admin`): its schools and teachers,
 * and in this semester and the previous one sessions hosted in turn by each school, each attended by teachers of
 * every school (about one in eight absent, one in ten late, a few excused). Written through the repositories.
 */
export async function seedReportScale(ctx: TableContext, size: ReportScale = REPORT_SCALE, now = new Date()): Promise<{ items: number; status: 'seeded' | 'present' }> {
  const perSemester = size.sessionsPerSemester * size.attendeesPerSession;
  const marker = { PK: 'SEED', SK: `report-scale#${size.schools}x${size.teachersPerSchool}x${size.sessionsPerSemester}x${size.attendeesPerSession}` };
  if ((await ctx.db.send(new GetCommand({ TableName: ctx.table, Key: marker }))).Item) return { items: perSemester, status: 'present' };
  const federations = makeFederationRepository(ctx);
  const users = makeUserRepository(ctx);
  const sessions = makeSessionRepository(ctx);
  const attendance = makeAttendanceRepository(ctx);
  const createdAt = new Date(now.getTime() - 400 * DAY).toISOString();
  const fid = REPORT_FEDERATION_ID;
  const schools = Array.from({ length: size.schools }, (_, i) => ({
    id: `sch-bench-${i}`,
    name: i === 0 ? '测评核心校' : `测评成员校${i}`,
    federationId: fid,
    stage: 'primary' as const,
    rural: i === size.schools - 1,
    isCore: i === 0,
  }));
  await federations.putFederation({ id: fid, name: '测评校联体', kind: 'alliance', coreSchoolId: schools[0]!.id, district: '明湖区' });
  await federations.putRules(fid, DEFAULT_RULES);
  for (const school of schools) await federations.putSchool(school);
  await users.createUserWithIdentities({ id: `u-${REPORT_ADMIN_ACCOUNT}`, name: '测评管理员', createdAt }, [{ provider: 'dev', externalId: REPORT_ADMIN_ACCOUNT }], [
    { role: 'federationAdmin', scope: { federationId: fid } },
  ]);
  const teachers = schools.flatMap((school, s) =>
    Array.from({ length: size.teachersPerSchool }, (_, i) => ({
      id: `u-bench-${s}-${i}`,
      name: `测评教师${s}-${String(i).padStart(3, '0')}`,
      schoolId: school.id,
      position: i === 0 ? ('principal' as const) : i === 1 ? ('dean' as const) : ('teacher' as const),
    })),
  );
  await inBatches(teachers, 25, (t) =>
    users.createUserWithIdentities({ id: t.id, name: t.name, position: t.position, createdAt }, [{ provider: 'dev', externalId: t.id.slice(2) }], [
      { role: 'teacher', scope: { schoolId: t.schoolId } },
    ]),
  );
  const semesters = [semesterOf(now), previousSemester(semesterOf(now))];
  for (const semester of semesters) {
    const days = semesterDays(semester);
    const from = Date.parse(`${days.from}T08:00:00+08:00`);
    // This semester's sessions lie between its start and yesterday; the previous semester's across it.
    const to = Math.min(Date.parse(`${days.to}T08:00:00+08:00`), now.getTime() - DAY);
    const step = Math.max(1, Math.floor((to - from) / size.sessionsPerSemester));
    for (let n = 0; n < size.sessionsPerSemester; n++) {
      const start = new Date(from + n * step);
      const session: Session = {
        id: `ses-bench-${semester}-${n}`,
        federationId: fid,
        hostSchoolId: schools[n % schools.length]!.id,
        organizerId: `u-${REPORT_ADMIN_ACCOUNT}`,
        kind: n % 3 === 2 ? 'lesson_observation' : 'joint_research',
        mode: n % 2 ? 'online' : 'offline',
        title: `测评联合教研 ${semester} 第 ${n + 1} 场`,
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
        signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
        signOutRequired: false,
        creditHours: 2,
        audience: { type: 'federation' },
        audienceSchoolIds: schools.map((x) => x.id),
        registrationRequired: false,
        status: n % 20 === 19 ? 'cancelled' : 'closed',
        createdAt,
      };
      await sessions.putSession(session);
      // Attendees in turn from every school, shifting with the session, so each teacher has a share.
      const attendees = Array.from({ length: size.attendeesPerSession }, (_, i) => teachers[(n * size.attendeesPerSession + i * 7) % teachers.length]!);
      await inBatches(attendees, 50, (t, i) => {
        const status: Attendance['status'] = (i + n) % 8 === 0 ? 'absent' : (i + n) % 10 === 0 ? 'late' : (i + n) % 37 === 0 ? 'excused' : 'on_time';
        const came = status === 'on_time' || status === 'late';
        const record: Attendance = {
          sessionId: session.id,
          userId: t.id,
          name: t.name,
          schoolId: t.schoolId,
          status,
          method: came ? 'qr' : 'manual',
          ...(came ? { signedInAt: new Date(start.getTime() + (i % 20) * 60_000).toISOString() } : {}),
          deviceId: `device-${t.id}`,
          flags: [],
          creditedHours: came ? 2 : 0,
          updatedAt: start.toISOString(),
        };
        return attendance.putSignIn(record, { sessionStartAt: session.startAt, sessionKind: session.kind });
      });
    }
  }
  await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: { ...marker, seededAt: now.toISOString() } }));
  return { items: perSemester, status: 'seeded' };
}
