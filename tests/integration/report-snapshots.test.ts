import { describe, expect, it } from 'vitest';
import { DEFAULT_SCALE, currentSchoolYear, semesterOf, shanghaiDay, type AuthResult, type Federation, type FederationReport, type Person, type School } from '@lianyan/shared';
import type { AuthContext } from '@lianyan/functions/lib/tokens';
import { makeArchiveRepository } from '@lianyan/functions/repositories/archive';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeExchangeRepository } from '@lianyan/functions/repositories/exchanges';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeMentorPairRepository } from '@lianyan/functions/repositories/mentor-pairs';
import { makeObservationRepository } from '@lianyan/functions/repositories/observations';
import { makeReportSnapshotRepository } from '@lianyan/functions/repositories/report-snapshots';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { federationCoverageOf } from '@lianyan/functions/services/observation-rollup';
import { makeReportService } from '@lianyan/functions/services/reports';
import { documentClient } from '@lianyan/infra/local/dynamo-client';
import { api, devLogin, stack, uniqueId, wechatCode, wechatPhoneCode } from '../support/api.ts';
import { currentQr, publishedSession, scan } from '../support/sessions.ts';

// Report snapshots (docs/design/aggregates.md): the federation report served over HTTP (a snapshot while the
// federation's report version stands) must equal the report computed from the items at that moment, after each kind
// of change a report reads — attendance, a mark, close, an exchange, a mentor pair, the rules, a position, an
// observation, a teacher leaving, a school renamed. The local server drains the stream before the read, as the
// aggregator's lag allows on AWS.

const HOUR = 3_600_000;
const semester = semesterOf(new Date());
let phones = 0;
const newPhone = () => `136${String((Date.now() % 1e6) * 100 + (++phones % 100)).padStart(8, '0')}`;
const day = (offset: number) => shanghaiDay(new Date(Date.now() + offset * 86_400_000));

/** The report service as the handlers build it, on a client of its own that counts its commands. */
function serviceOnTable(options: { snapshots: boolean }) {
  const { dynamoEndpoint, tableName } = stack();
  const db = documentClient({ endpoint: dynamoEndpoint });
  const commands: string[] = [];
  db.middlewareStack.add((next, context) => (args) => (commands.push(String(context.commandName)), next(args)), { step: 'initialize', name: 'count' });
  const table = { db, table: tableName };
  const federations = makeFederationRepository(table);
  const users = makeUserRepository(table);
  const clock = { now: () => new Date() };
  const reports = makeReportService({
    federations,
    sessions: makeSessionRepository(table),
    attendance: makeAttendanceRepository(table),
    archive: makeArchiveRepository(table),
    users,
    mentorPairs: makeMentorPairRepository(table),
    // The test reads as the district: every federation is its to read.
    access: { administers: async () => true, holds: () => true } as unknown as Parameters<typeof makeReportService>[0]['access'],
    clock,
    exchanges: makeExchangeRepository(table),
    ...(options.snapshots ? { snapshots: makeReportSnapshotRepository(table) } : {}),
    observationCoverage: (federation, of) => federationCoverageOf({ observations: makeObservationRepository(table), federations, users, clock }, federation, of),
  });
  return { reports, commands };
}
const district: AuthContext = { userId: 'u-district-admin', roles: [{ role: 'districtAdmin', scope: {} }] };
const withoutTime = (r: FederationReport) => ({ ...r, generatedAt: undefined });

async function teacherOf(schoolId: string, token: string, name: string) {
  const phone = newPhone();
  const person = await api<Person>('POST', `/v1/schools/${schoolId}/people`, { token, body: { name, phone, position: 'teacher', subjects: ['数学'], grades: ['三年级'] } });
  expect(person.status).toBe(201);
  const login = await api<AuthResult>('POST', '/v1/auth/wechat', { body: { code: await wechatCode(uniqueId('o-rs')), phoneCode: await wechatPhoneCode(phone) } });
  expect(login.status).toBe(200);
  return { id: person.body.id, token: login.body.token };
}

describe('federation reports kept as snapshots', () => {
  it('equal the report computed from the items after every kind of change, and cost a few requests while nothing changed', async () => {
    const token = (await devLogin('district-admin')).token;
    const fed = (await api<Federation>('POST', '/v1/federations', { token, body: { name: `快照测试${uniqueId('f').slice(-6)}`, kind: 'alliance' } })).body;
    const school = async (label: string) => (await api<School>('POST', `/v1/federations/${fed.id}/schools`, { token, body: { name: `${label}${uniqueId('s').slice(-8)}`, stage: 'primary' } })).body.id;
    const [home, host] = [await school('快照甲小学'), await school('快照乙小学')];
    const [t1, t2, t3] = [await teacherOf(home, token, '快照一老师'), await teacherOf(home, token, '快照二老师'), await teacherOf(host, token, '快照三老师')];
    const live = serviceOnTable({ snapshots: false }).reports;

    let previous: unknown;
    async function check(label: string, changes: boolean) {
      const served = await api<FederationReport>('GET', `/v1/reports/federations/${fed.id}?semester=${semester}`, { token });
      expect(served.status, label).toBe(200);
      const computed = (await live.federation(district, fed.id, { semester })).report;
      expect(withoutTime(served.body), label).toEqual(withoutTime(computed));
      if (changes) expect(withoutTime(computed), `${label}: the change moves a figure`).not.toEqual(previous);
      previous = withoutTime(computed);
    }

    await check('empty federation', false);
    const { session, organizerToken } = await publishedSession(
      { title: '快照测试教研', hostSchoolId: home, audience: { type: 'schools', schoolIds: [home, host] }, startAt: new Date(Date.now() - HOUR).toISOString(), endAt: new Date(Date.now() + HOUR).toISOString(), geofence: 'off' },
      'district-admin',
    );
    await check('a session started', true);
    expect((await api('POST', `/v1/sessions/${session.id}/sign-ins`, { token: t1.token, body: scan((await currentQr(session.id, organizerToken)).token) })).status).toBe(201);
    await check('a sign-in', true);
    expect((await api('PUT', `/v1/sessions/${session.id}/attendance/${t3.id}`, { token: organizerToken, body: { status: 'late', reason: '山区路远' } })).status).toBeLessThan(300);
    await check('a mark at the other school', true);
    expect((await api('POST', `/v1/sessions/${session.id}/close`, { token: organizerToken })).status).toBeLessThan(300);
    await check('close (absences written)', true);
    const exchange = await api('POST', `/v1/federations/${fed.id}/exchanges`, { token, body: { userId: t2.id, fromSchoolId: home, toSchoolId: host, kind: 'cadre', startDate: day(-3), endDate: day(60) } });
    expect(exchange.status).toBe(201);
    await check('an exchange', true);
    const pair = await api('POST', `/v1/schools/${home}/mentor-pairs`, { token, body: { mentorId: t1.id, menteeId: t2.id, subject: '数学', schoolYear: currentSchoolYear(), goals: '上好一节公开课' } });
    expect(pair.status).toBe(201);
    await check('a mentor pair', true);
    expect((await api('PUT', `/v1/federations/${fed.id}/rules`, { token, body: { mentorPairsPerSemester: 1, exchangeCadresPerSemester: 1 } })).status).toBe(200);
    await check('the rules', true);
    expect((await api('PATCH', `/v1/people/${t1.id}`, { token, body: { position: 'principal', subjects: ['数学'], grades: ['三年级'] } })).status).toBe(200);
    await check('a position (a leader with a target)', true);
    const observed = await api('POST', '/v1/observations', {
      token: t1.token,
      body: {
        teacherId: t2.id, schoolId: home, subject: '数学', grade: '三年级', className: '三年级(2)班', topic: '分数的初步认识',
        startedAt: new Date(Date.now() - HOUR).toISOString(), scaleId: 'default',
        scores: DEFAULT_SCALE.dimensions.flatMap((d) => d.items.map((i) => ({ item: i.id, score: 4 }))),
        notes: [], strengths: '情境真实', suggestions: '练习梯度', clientId: uniqueId('draft'),
      },
    });
    expect(observed.status).toBe(201);
    await check('an observation', true);
    expect((await api('POST', `/v1/people/${t3.id}/leave`, { token, body: { schoolId: host } })).status).toBe(200);
    await check('a teacher left', true);
    expect((await api('PATCH', `/v1/schools/${host}`, { token, body: { name: `快照丙小学${uniqueId('r').slice(-6)}` } })).status).toBe(200);
    await check('a school renamed', true);

    // Nothing changed since: the kept report, read with the versions in one BatchGetItem.
    const counted = serviceOnTable({ snapshots: true });
    await counted.reports.federation(district, fed.id, { semester });
    counted.commands.length = 0;
    const again = await counted.reports.federation(district, fed.id, { semester });
    expect(withoutTime(again.report)).toEqual(previous);
    expect(counted.commands).toEqual(['GetItemCommand', 'BatchGetItemCommand']);
    // Eleven steps of writes and reads over HTTP: beside the other files on two cores it can take a minute.
  }, 180_000);
});
