import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { semesterOf, semesterRange, type Attendance } from '@lianyan/shared';
import { systemClock } from '@lianyan/functions/lib/clock';
import type { AuthContext } from '@lianyan/functions/lib/tokens';
import { makeArchiveRepository } from '@lianyan/functions/repositories/archive';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeExchangeRepository } from '@lianyan/functions/repositories/exchanges';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeMentorPairRepository } from '@lianyan/functions/repositories/mentor-pairs';
import { makeObservationRepository } from '@lianyan/functions/repositories/observations';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { makeAccessPolicy } from '@lianyan/functions/services/access';
import { federationCoverageOf } from '@lianyan/functions/services/observation-rollup';
import { makeReportService } from '@lianyan/functions/services/reports';
import { settleStreams } from '../support/api.ts';
import { testTable } from '../support/db.ts';

// Issue 19: the reports read each school's semester from its digests (one Query over the semester's sessions), so
// their request count does not change when the semester's attendance doubles. The report service is wired as in
// functions/src/app/reports.ts over a client that counts every request and the items each returns.

const base = testTable();

function countingTable() {
  const log: Array<{ command: string; items: number; gsi1Att: boolean }> = [];
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const out = (await base.db.send(command as never)) as { Items?: unknown[]; Item?: unknown; Responses?: Record<string, unknown[]> };
    const values = (command.input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
    log.push({
      command: command.constructor.name,
      items: out.Items?.length ?? (out.Item ? 1 : 0) + Object.values(out.Responses ?? {}).reduce((n, r) => n + r.length, 0),
      // The items path the digests replace: GSI1 SCHOOL#<sid>#<semester> / ATT#…
      gsi1Att: command.input.IndexName === 'GSI1' && String(values[':pk'] ?? '').startsWith('SCHOOL#') && values[':att'] === 'ATT#',
    });
    return out;
  };
  return { ctx: { db: { send } as unknown as DynamoDBDocumentClient, table: base.table }, log };
}

function reportService(ctx: ReturnType<typeof countingTable>['ctx']) {
  const federations = makeFederationRepository(ctx);
  const users = makeUserRepository(ctx);
  return makeReportService({
    federations,
    sessions: makeSessionRepository(ctx),
    attendance: makeAttendanceRepository(ctx),
    archive: makeArchiveRepository(ctx),
    users,
    mentorPairs: makeMentorPairRepository(ctx),
    access: makeAccessPolicy(federations),
    clock: systemClock,
    exchanges: makeExchangeRepository(ctx),
    observationCoverage: (federation, semester) => federationCoverageOf({ observations: makeObservationRepository(ctx), federations, users, clock: systemClock }, federation, semester),
  });
}

const district: AuthContext = { userId: 'u-district-test', roles: [{ role: 'districtAdmin', scope: {} }] };
// A semester long past, which no other test writes in: only this test's records are in it.
const SEMESTER = '2019-2020-1';
const SCHOOLS = ['sch-core', 'sch-donghu', 'sch-east2', 'sch-qingshan'];

const record = (sessionId: string, userId: string, schoolId: string, i: number): Attendance => ({
  sessionId,
  userId,
  name: `教师${i}`,
  schoolId,
  status: i % 4 === 0 ? 'late' : 'on_time',
  method: 'qr',
  signedInAt: new Date(Date.parse(semesterRange(SEMESTER).from) + 10 * 86_400_000 + i * 1000).toISOString(),
  flags: [],
  creditedHours: 2,
  updatedAt: new Date().toISOString(),
});

describe('report requests against attendance size', () => {
  it('reads the same number of requests and items for the federation and district reports when the attendance doubles', async () => {
    const attendance = makeAttendanceRepository(base);
    const run = randomUUID().slice(0, 8);
    const sessionIds = [0, 1, 2].map((i) => `rq-${run}-${i}`);
    const startAt = new Date(Date.parse(semesterRange(SEMESTER).from) + 10 * 86_400_000).toISOString();
    expect(semesterOf(startAt)).toBe(SEMESTER);
    const ix = { sessionStartAt: startAt, sessionKind: 'joint_research' };
    let n = 0;
    const attend = async (perSchool: number) => {
      for (const sid of sessionIds)
        for (const school of SCHOOLS)
          for (let k = 0; k < perSchool; k += 1) {
            n += 1;
            await attendance.putSignIn(record(sid, `rq-${run}-u${n}`, school, n), ix);
          }
      await settleStreams();
    };
    const measure = async () => {
      const counted = countingTable();
      const reports = reportService(counted.ctx);
      counted.log.length = 0;
      await reports.federation(district, 'fed-chengdong', { semester: SEMESTER });
      const federation = { requests: counted.log.length, items: counted.log.reduce((s, r) => s + r.items, 0), gsi1Att: counted.log.filter((r) => r.gsi1Att).length };
      counted.log.length = 0;
      await reports.district(district, { semester: SEMESTER });
      const whole = { requests: counted.log.length, items: counted.log.reduce((s, r) => s + r.items, 0), gsi1Att: counted.log.filter((r) => r.gsi1Att).length };
      return { federation, district: whole };
    };
    const creditsNow = async () => (await Promise.all(SCHOOLS.map((s) => attendance.listCreditsOfSchool(s, SEMESTER)))).flat().filter((c) => sessionIds.includes(c.sessionId));

    await attend(5);
    const small = await measure();
    expect(await creditsNow()).toHaveLength(3 * 4 * 5);
    await attend(5);
    const doubled = await measure();
    const credits = await creditsNow();
    expect(credits).toHaveLength(3 * 4 * 10);
    // The digests give what the items give.
    const items = (await Promise.all(SCHOOLS.map((s) => attendance.listCreditsOfSchoolItems(s, SEMESTER)))).flat().filter((c) => sessionIds.includes(c.sessionId));
    expect(credits).toEqual(items);

    expect(doubled).toEqual(small);
    expect(small.federation.gsi1Att).toBe(0);
    expect(small.district.gsi1Att).toBe(0);
    expect(small.federation.requests).toBeGreaterThan(0);
  });
});
