import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Attendance, Session } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
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
