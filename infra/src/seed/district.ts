import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_RULES, semesterDays, semesterOf, type Attendance, type Federation, type School, type Session } from '@lianyan/shared';
import type { TableContext } from '@lianyan/functions/lib/dynamo';
import { attendanceItem } from '@lianyan/functions/repositories/attendance';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { sessionItem } from '@lianyan/functions/repositories/sessions';
import { identityItem, profileItem, roleItem } from '@lianyan/functions/repositories/users';
import { creditedHours, statusAtSignOut } from '@lianyan/functions/services/attendance-rules';
import { putItemsInBulk } from './bulk.ts';

const DAY = 86_400_000;
const MIN = 60_000;

/** SEED_SCALE=district: the district, 14 federations (10 primary, 4 junior) × 4 schools × 60 teachers. */
export const DISTRICT_SCALE = { primary: 10, junior: 4, schoolsPerFederation: 4, teachersPerSchool: 60, sessionsPerPass: 50 } as const;
const FEDERATIONS = DISTRICT_SCALE.primary + DISTRICT_SCALE.junior;
const PER_FEDERATION = DISTRICT_SCALE.schoolsPerFederation * DISTRICT_SCALE.teachersPerSchool;
/** Attendance items one pass adds to the semester: every session is closed, so each audience member has one. */
export const DISTRICT_ITEMS_PER_PASS = FEDERATIONS * DISTRICT_SCALE.sessionsPerPass * PER_FEDERATION;

const PRIMARY_AREAS = ['城西', '城南', '城北', '湖滨', '江岸', '新城', '高新', '桂苑', '柳林', '梅岭'];
const JUNIOR_AREAS = ['文昌', '锦绣', '云栖', '翠屏'];
const ORDINALS = ['', '第二', '第三', '第四'];
const KINDS: Federation['kind'][] = ['alliance', 'assistance', 'cluster'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '华敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英芳玲文斌辉宁';
const SUBJECTS = ['语文', '数学', '英语', '科学', '音乐', '体育', '美术', '道德与法治'];

export const districtFederationId = (f: number) => `fed-district-${String(f).padStart(2, '0')}`;

interface Teacher {
  id: string;
  name: string;
  schoolId: string;
}

function organization(f: number) {
  const junior = f >= DISTRICT_SCALE.primary;
  const area = junior ? JUNIOR_AREAS[f - DISTRICT_SCALE.primary]! : PRIMARY_AREAS[f]!;
  const id = districtFederationId(f);
  const schools: School[] = Array.from({ length: DISTRICT_SCALE.schoolsPerFederation }, (_, s) => ({
    id: `sch-district-${f}-${s}`,
    name: junior ? `明湖区${area}${ORDINALS[s]}初级中学` : s === 0 ? `明湖区${area}中心小学` : `明湖区${area}${ORDINALS[s]}小学`,
    federationId: id,
    stage: junior ? 'junior' : 'primary',
    rural: s === DISTRICT_SCALE.schoolsPerFederation - 1,
    isCore: s === 0,
  }));
  const federation: Federation = {
    id,
    name: junior ? `明湖区${area}初中教育集团` : `明湖区${area}教共体`,
    kind: junior ? 'group' : KINDS[f % KINDS.length]!,
    coreSchoolId: schools[0]!.id,
    district: '明湖区',
  };
  const teachers: Teacher[] = schools.flatMap((school, s) =>
    Array.from({ length: DISTRICT_SCALE.teachersPerSchool }, (_, i) => {
      const k = (f * DISTRICT_SCALE.schoolsPerFederation + s) * DISTRICT_SCALE.teachersPerSchool + i;
      const name = `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k * 7) % GIVEN.length]}${GIVEN[(k * 13 + 3) % GIVEN.length]}`;
      return { id: `u-dt-${f}-${s}-${i}`, name, schoolId: school.id };
    }),
  );
  return { federation, schools, teachers };
}

/** The federations, their schools and teachers (profile, dev identity `dt-<f>-<s>-<i>`, teacher role). */
async function seedOrganization(ctx: TableContext, createdAt: string) {
  const federations = makeFederationRepository(ctx);
  const items: Record<string, unknown>[] = [];
  for (let f = 0; f < FEDERATIONS; f++) {
    const { federation, schools, teachers } = organization(f);
    await federations.putFederation(federation);
    await federations.putRules(federation.id, DEFAULT_RULES);
    await Promise.all(schools.map((school) => federations.putSchool(school)));
    teachers.forEach((t, n) => {
      const i = n % DISTRICT_SCALE.teachersPerSchool;
      const position = i === 0 ? 'principal' : i === 1 ? 'dean' : 'teacher';
      items.push(
        profileItem({ id: t.id, name: t.name, subject: SUBJECTS[i % SUBJECTS.length], position, createdAt }),
        identityItem('dev', t.id.slice(2), t.id, createdAt),
        roleItem(t.id, { role: 'teacher', scope: { schoolId: t.schoolId } }, createdAt, 'seed'),
      );
    });
  }
  await putItemsInBulk(ctx, items, 16);
}

/** One closed session of pass `pass`, its attendance as sign-ins, sign-outs, a hand-made 请假 and close leave them. */
export function closedSessionItems(f: number, pass: number, n: number, start: Date): Record<string, unknown>[] {
  const { schools, teachers } = organization(f);
  const end = new Date(start.getTime() + 90 * MIN);
  const closedAt = new Date(end.getTime() + 120 * MIN).toISOString();
  const offline = n % 2 === 0;
  const session: Session = {
    id: `ses-d${f}-p${pass}-${n}`,
    federationId: districtFederationId(f),
    hostSchoolId: schools[n % schools.length]!.id,
    organizerId: `u-dt-${f}-0-1`,
    kind: n % 3 === 2 ? 'lesson_observation' : 'joint_research',
    mode: offline ? 'offline' : 'online',
    title: `联合教研 第 ${(pass - 1) * DISTRICT_SCALE.sessionsPerPass + n + 1} 场`,
    ...(offline ? { venue: { name: `${schools[n % schools.length]!.name} 报告厅`, lat: 30.2741, lng: 120.1551, radiusM: 300 } } : {}),
    startAt: start.toISOString(),
    endAt: end.toISOString(),
    signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
    signOutRequired: true,
    creditHours: 2,
    creditRule: { mode: 'proportional', lateGraceMin: 10, earlyLeaveGraceMin: 10 },
    audience: { type: 'federation' },
    audienceSchoolIds: schools.map((s) => s.id),
    registrationRequired: false,
    rotateSeconds: 10,
    geofence: 'flag',
    status: 'closed',
    closedAt,
    closedBy: 'auto',
    expectedCount: teachers.length,
    createdAt: new Date(start.getTime() - 7 * DAY).toISOString(),
    updatedAt: closedAt,
  };
  const ix = { sessionStartAt: session.startAt, sessionKind: session.kind };
  const records = teachers.map((t, k): Attendance => {
    const r = (k * 37 + n * 11 + pass * 5) % 100;
    const base = { sessionId: session.id, userId: t.id, name: t.name, schoolId: t.schoolId, deviceId: `device-${t.id}`, flags: [] };
    // Close wrote an absent record for who never came; a 请假 marked beforehand was sealed by close.
    if (r < 8) return { ...base, status: 'absent', method: 'manual', creditedHours: 0, updatedAt: closedAt, closedAt };
    if (r < 11) {
      const at = new Date(start.getTime() - DAY).toISOString();
      const audit = [{ at, by: session.organizerId, action: 'status:excused', reason: '病假' }];
      return { ...base, status: 'excused', method: 'manual', flags: ['manual'], audit, creditedHours: 0, updatedAt: at, closedAt };
    }
    const inAt = start.getTime() + (r < 21 ? 12 + (k % 15) : -10 + (k % 12)) * MIN;
    const outAt = r < 26 && r >= 21 ? end.getTime() - (25 + (k % 20)) * MIN : end.getTime() + (k % 10) * MIN;
    const status = statusAtSignOut(session, r < 21 ? 'late' : 'on_time', outAt);
    return {
      ...base,
      status,
      method: 'qr',
      signedInAt: new Date(inAt).toISOString(),
      signedOutAt: new Date(outAt).toISOString(),
      creditedHours: creditedHours(session, inAt, outAt),
      updatedAt: new Date(outAt).toISOString(),
    };
  });
  return [sessionItem(session), ...records.map((a) => attendanceItem(a, ix))];
}

/** One pass: every federation's `sessionsPerPass` sessions between the semester's start and yesterday. */
async function seedPass(ctx: TableContext, pass: number, now: Date) {
  const days = semesterDays(semesterOf(now));
  const from = Date.parse(`${days.from}T08:00:00+08:00`);
  const to = Math.min(Date.parse(`${days.to}T08:00:00+08:00`), now.getTime() - DAY);
  const step = (to - from) / DISTRICT_SCALE.sessionsPerPass;
  for (let f = 0; f < FEDERATIONS; f++) {
    const items = Array.from({ length: DISTRICT_SCALE.sessionsPerPass }, (_, n) => {
      const at = from + n * step + ((pass - 1) * step) / 2 + f * 10 * MIN;
      return closedSessionItems(f, pass, n, new Date(Math.floor(at / MIN) * MIN));
    }).flat();
    await putItemsInBulk(ctx, items, 16);
  }
}

/**
 * The district (SEED_SCALE=district): 14 federations × 4 schools × 60 teachers, and `factor` passes of this semester's
 * sessions, each pass 50 closed sessions a federation attended by its 240 teachers (168,000 attendance items a pass).
 * Items come from the repositories' builders, written by BatchWriteItem; a pass already present is skipped, so
 * `factor: 2` after `factor: 1` doubles the semester's attendance.
 */
export async function seedDistrict(ctx: TableContext, options: { factor?: number; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const started = performance.now();
  let written = 0;
  for (let pass = 1; pass <= (options.factor ?? 1); pass++) {
    const marker = { PK: 'SEED', SK: `district#pass${pass}` };
    if ((await ctx.db.send(new GetCommand({ TableName: ctx.table, Key: marker }))).Item) continue;
    if (pass === 1) await seedOrganization(ctx, new Date(now.getTime() - 400 * DAY).toISOString());
    await seedPass(ctx, pass, now);
    written += DISTRICT_ITEMS_PER_PASS;
    await ctx.db.send(new PutCommand({ TableName: ctx.table, Item: { ...marker, seededAt: now.toISOString() } }));
  }
  return { attendanceItems: (options.factor ?? 1) * DISTRICT_ITEMS_PER_PASS, written, seconds: (performance.now() - started) / 1000 };
}
