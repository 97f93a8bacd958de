import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, semesterMonths, type Session, type SessionKind } from '@lianyan/shared';
import type { AttendanceCredit } from '@lianyan/functions/repositories/attendance';
import { federationFigures } from '@lianyan/functions/services/reports-figures';

// Random sessions, sign-ins, marks, edits, cancellations and closes, applied as the services apply them; then every
// figure of the federation report must equal an oracle written here from docs/design/reports.md alone.

const NOW = new Date('2026-11-23T04:00:00Z');
const HOUR = 3_600_000;
const SCHOOLS = ['core', 'm1', 'm2'] as const;
const SUBJECTS = ['语文', '数学'] as const;
const TEACHERS = SCHOOLS.flatMap((school) => [0, 1, 2].map((i) => ({ id: `${school}-t${i}`, school, subject: SUBJECTS[i % 2]! })));
const KINDS: SessionKind[] = ['joint_research', 'joint_research', 'lesson_observation', 'parent_school'];
type Status = AttendanceCredit['status'];

const sessionArb = fc.record({
  kind: fc.constantFrom(...KINDS),
  online: fc.boolean(),
  host: fc.constantFrom(...SCHOOLS),
  audience: fc.oneof(
    fc.constant({ type: 'federation' as const }),
    fc.subarray([...SCHOOLS], { minLength: 1 }).map((schoolIds) => ({ type: 'schools' as const, schoolIds })),
    fc.constantFrom(...SUBJECTS).map((subject) => ({ type: 'group' as const, subject, grade: '四年级' })),
  ),
  // Hours from now: long past, just ended, going on, upcoming.
  startHours: fc.constantFrom(-900, -400, -30, -3, -1, 5, 200),
  draft: fc.boolean(),
});

const opArb = fc.oneof(
  fc.record({ op: fc.constant('signIn' as const), s: fc.nat(), t: fc.nat(), late: fc.boolean() }),
  fc.record({ op: fc.constant('mark' as const), s: fc.nat(), t: fc.nat(), status: fc.constantFrom<Status>('on_time', 'late', 'left_early', 'absent', 'excused') }),
  fc.record({ op: fc.constant('edit' as const), s: fc.nat(), shiftHours: fc.constantFrom(-48, 24, 720), kind: fc.constantFrom(...KINDS) }),
  fc.record({ op: fc.constant('cancel' as const), s: fc.nat() }),
  fc.record({ op: fc.constant('close' as const), s: fc.nat() }),
);

type SessionSpec = typeof sessionArb extends fc.Arbitrary<infer T> ? T : never;
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

interface World {
  sessions: Session[];
  records: Map<string, { sessionId: string; userId: string; schoolId: string; status: Status }>;
}

const schoolsOf = (s: Session) => (s.audience.type === 'schools' ? s.audience.schoolIds : [...SCHOOLS]);
const audienceOf = (s: Session) => TEACHERS.filter((t) => schoolsOf(s).includes(t.school) && (s.audience.type !== 'group' || ('subject' in s.audience && s.audience.subject === t.subject)));
const hasRecords = (w: World, id: string) => [...w.records.values()].some((r) => r.sessionId === id);

/** Builds the world the way the services do: edits and cancels refused once records exist, close writes absences. */
function build(specs: SessionSpec[], ops: Op[]): World {
  const sessions: Session[] = specs.map((x, i) => {
    const start = new Date(NOW.getTime() + x.startHours * HOUR);
    return {
      id: `s${i}`,
      federationId: 'fed',
      hostSchoolId: x.host,
      organizerId: 'org',
      kind: x.kind,
      mode: x.online ? 'online' : 'offline',
      title: `s${i}`,
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 2 * HOUR).toISOString(),
      signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
      signOutRequired: false,
      creditHours: 2,
      audience: x.audience,
      audienceSchoolIds: [...schoolsOf({ audience: x.audience } as Session)],
      registrationRequired: false,
      status: x.draft ? 'draft' : 'published',
      createdAt: NOW.toISOString(),
    };
  });
  const w: World = { sessions, records: new Map() };
  for (const o of ops) {
    const s = sessions[o.s % sessions.length]!;
    const key = (userId: string) => `${s.id}|${userId}`;
    if (o.op === 'signIn' || o.op === 'mark') {
      const audience = audienceOf(s);
      const t = audience[o.t % Math.max(1, audience.length)];
      if (!t || s.status === 'draft' || s.status === 'cancelled') continue;
      const existing = w.records.get(key(t.id));
      if (o.op === 'signIn') {
        if (s.status === 'closed' || Date.parse(s.startAt) > NOW.getTime() || existing) continue;
        w.records.set(key(t.id), { sessionId: s.id, userId: t.id, schoolId: t.school, status: o.late ? 'late' : 'on_time' });
      } else {
        w.records.set(key(t.id), { sessionId: s.id, userId: t.id, schoolId: t.school, status: o.status });
      }
    } else if (o.op === 'edit') {
      if (s.status === 'closed' || s.status === 'cancelled' || hasRecords(w, s.id)) continue;
      const start = new Date(Date.parse(s.startAt) + o.shiftHours * HOUR);
      // Sessions stay in the semester the report covers.
      if (start < new Date('2026-09-02T00:00:00Z') || start > new Date('2027-01-20T00:00:00Z')) continue;
      Object.assign(s, { startAt: start.toISOString(), endAt: new Date(start.getTime() + 2 * HOUR).toISOString(), kind: o.kind });
    } else if (o.op === 'cancel') {
      if (s.status === 'published' && !hasRecords(w, s.id)) s.status = 'cancelled';
    } else if (s.status === 'published') {
      for (const t of audienceOf(s)) if (!w.records.has(key(t.id))) w.records.set(key(t.id), { sessionId: s.id, userId: t.id, schoolId: t.school, status: 'absent' });
      s.status = 'closed';
    }
  }
  return w;
}

// ---- The oracle: the written definitions, nothing imported from the code under test. ----
const r1 = (n: number) => Math.round(Number((n * 10).toFixed(9))) / 10;
const came = (status: Status) => status === 'on_time' || status === 'late' || status === 'left_early';
const started = (s: Session) => Date.parse(s.startAt) <= NOW.getTime();
const isHeld = (s: Session) => s.status === 'closed' || (s.status === 'published' && started(s));
const shanghaiMonth = (iso: string) => new Date(Date.parse(iso) + 8 * HOUR).toISOString().slice(0, 7);

function oracle(w: World) {
  const byId = new Map(w.sessions.map((s) => [s.id, s]));
  /** 应到 per school: its teachers' records on sessions neither cancelled nor drafts, plus, at a session that ended and is not closed, an absence for each audience teacher without a record. */
  const expectedOf = (school: string) => {
    const list: Array<{ sessionId: string; userId: string; status: Status }> = [];
    for (const r of w.records.values()) {
      const s = byId.get(r.sessionId)!;
      if (r.schoolId === school && s.status !== 'cancelled' && s.status !== 'draft') list.push(r);
    }
    for (const s of w.sessions) {
      if (s.status !== 'published' || Date.parse(s.endAt) > NOW.getTime()) continue;
      for (const t of audienceOf(s)) if (t.school === school && !w.records.has(`${s.id}|${t.id}`)) list.push({ sessionId: s.id, userId: t.id, status: 'absent' });
    }
    return list;
  };
  const figure = (list: Array<{ status: Status }>) => {
    const attended = list.filter((r) => came(r.status)).length;
    const absent = list.filter((r) => r.status === 'absent').length;
    return { expected: attended + absent, attended, late: list.filter((r) => r.status === 'late').length, absent, excused: list.filter((r) => r.status === 'excused').length, rate: attended + absent ? attended / (attended + absent) : null };
  };
  const visitors = (school: string) =>
    [...w.records.values()].filter((r) => {
      const s = byId.get(r.sessionId)!;
      return isHeld(s) && s.hostSchoolId === school && r.schoolId !== school && came(r.status);
    }).length;
  const most = Math.max(0, ...SCHOOLS.map(visitors));
  const rows = SCHOOLS.map((school) => {
    const list = expectedOf(school);
    const attendedAt = new Set(list.filter((r) => came(r.status)).map((r) => r.sessionId));
    const joint = w.sessions.filter((s) => isHeld(s) && s.kind === 'joint_research' && (s.hostSchoolId === school || attendedAt.has(s.id)));
    const online = joint.filter((s) => s.mode === 'online').length;
    const offline = joint.length - online;
    const quotaRate = (Math.min(1, online / 8) + Math.min(1, offline / 4) + 0) / 3;
    const hosted = w.sessions.filter((s) => s.hostSchoolId === school);
    const held = hosted.filter(isHeld).length;
    const cancelledDue = hosted.filter((s) => s.status === 'cancelled' && started(s)).length;
    const executionRate = held + cancelledDue ? held / (held + cancelledDue) : 0;
    const share = most ? visitors(school) / most : 0;
    const attendance = figure(list);
    const parts = [r1(40 * quotaRate), r1(30 * (attendance.rate ?? 0)), r1(15 * share), r1(15 * executionRate)];
    const perTeacher = new Map<string, Status[]>();
    for (const r of list) perTeacher.set(r.userId, [...(perTeacher.get(r.userId) ?? []), r.status]);
    const below = [...perTeacher.values()].filter((ss) => {
      const f = figure(ss.map((status) => ({ status })));
      return f.rate !== null && f.rate < 0.8;
    }).length;
    return { school, attendance, online, offline, held, visitors: visitors(school), due: held + cancelledDue, own: r1(parts.reduce((a, b) => a + b, 0)), parts, below, list };
  });
  const members = rows.filter((r) => r.school !== 'core');
  const average = members.reduce((a, r) => a + r.own, 0) / members.length;
  const bundledCore = r1(rows[0]!.own * 0.8 + average * 0.2);
  const months = semesterMonths('2026-2027-1').map((month) => {
    const all = rows.flatMap((r) => r.list).filter((r) => shanghaiMonth(byId.get(r.sessionId)!.startAt) === month);
    const f = figure(all);
    return { month, expected: f.expected, attended: f.attended, rate: f.rate };
  });
  return { rows, bundledCore, months };
}

describe('report figures against the written definitions', () => {
  it('equal an independent recomputation for random sessions, sign-ins, marks, edits, cancellations and closes', () => {
    fc.assert(
      fc.property(fc.array(sessionArb, { minLength: 1, maxLength: 8 }), fc.array(opArb, { maxLength: 60 }), (specs, ops) => {
        const w = build(specs, ops);
        const records = [...w.records.values()];
        const startOf = new Map(w.sessions.map((s) => [s.id, s]));
        const credit = (r: (typeof records)[number]): AttendanceCredit => ({
          sessionId: r.sessionId,
          userId: r.userId,
          kind: startOf.get(r.sessionId)!.kind,
          startAt: startOf.get(r.sessionId)!.startAt,
          status: r.status,
          creditedHours: came(r.status) ? 2 : 0,
        });
        const result = federationFigures({
          coreSchoolId: 'core',
          rules: DEFAULT_RULES,
          sessions: w.sessions,
          schools: SCHOOLS.map((id) => ({
            school: { id, name: id, federationId: 'fed', stage: 'primary', rural: false, isCore: id === 'core' },
            teacherIds: new Set(TEACHERS.filter((t) => t.school === id).map((t) => t.id)),
            subjects: new Map(TEACHERS.filter((t) => t.school === id).map((t) => [t.id, t.subject])),
            credits: records.filter((r) => r.schoolId === id).map(credit),
            totals: new Map(),
          })),
          months: semesterMonths('2026-2027-1'),
          threshold: 0.8,
          now: NOW,
        });
        const expected = oracle(w);
        for (const [i, row] of result.rows.entries()) {
          const o = expected.rows[i]!;
          expect(row.attendance).toEqual(o.attendance);
          expect(row.jointResearch).toMatchObject({ online: o.online, offline: o.offline });
          expect(row.contribution).toMatchObject({ hosted: o.held, visitors: o.visitors });
          expect(row.execution).toMatchObject({ due: o.due, held: o.held });
          expect([row.score.quota, row.score.attendance, row.score.contribution, row.score.execution]).toEqual(o.parts);
          expect(row.score.total).toBe(o.own);
          expect(row.belowThreshold).toBe(o.below);
        }
        expect(result.summary.bundledScore).toBe(expected.bundledCore);
        expect(result.trend).toEqual(expected.months);
      }),
      { numRuns: 400 },
    );
  });
});
