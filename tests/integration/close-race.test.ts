import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Attendance, Session } from '@lianyan/shared';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeFederationRepository } from '@lianyan/functions/repositories/federations';
import { makeRateLimitRepository } from '@lianyan/functions/repositories/rate-limits';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { makeUserRepository } from '@lianyan/functions/repositories/users';
import { makeAudienceResolver } from '@lianyan/functions/services/audience';
import { makeCloser } from '@lianyan/functions/services/closing';
import { makeSignInService } from '@lianyan/functions/services/sign-in';
import { stack, uniqueId } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { qrTokenAt } from '../support/sessions.ts';

// Close and sign-ins race on the real repositories and services over DynamoDB Local, with the session cached the
// way a warm Lambda instance caches it: correctness must not depend on what a sign-in read.

const MEMBERS = 100;
const ROUNDS = 20;

function world() {
  const ctx = testTable();
  const sessions = makeSessionRepository(ctx);
  const attendance = makeAttendanceRepository(ctx);
  const users = makeUserRepository(ctx);
  const audience = makeAudienceResolver({ federations: makeFederationRepository(ctx), users });
  const clock = { now: () => new Date() };
  const signIns = makeSignInService({
    sessions,
    attendance,
    rateLimits: makeRateLimitRepository(ctx),
    clock,
    settings: { getQrSecret: async () => stack().qrSecret, clockMarginMs: 5000, replayLimitMs: 86_400_000, sessionCacheMs: 60_000, failureLimit: 10, failureWindowMs: 60_000 },
  });
  return { sessions, attendance, users, signIns, closer: makeCloser({ sessions, attendance, audience, clock }) };
}

const liveSession = (schoolId: string): Session => ({
  id: uniqueId('ses-race'),
  federationId: 'fed-chengdong',
  hostSchoolId: 'sch-core',
  organizerId: 'u-organizer',
  kind: 'joint_research',
  mode: 'offline',
  title: '关闭与签到竞争',
  startAt: new Date(Date.now() - 60_000).toISOString(),
  endAt: new Date(Date.now() + 3_600_000).toISOString(),
  signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
  signOutRequired: false,
  creditHours: 1,
  audience: { type: 'schools', schoolIds: [schoolId] },
  audienceSchoolIds: [schoolId],
  registrationRequired: false,
  status: 'published',
  createdAt: new Date().toISOString(),
  geofence: 'off',
});

const view = (items: Attendance[]) =>
  Object.fromEntries(items.map((a) => [a.userId, { status: a.status, signedInAt: a.signedInAt ?? null, closedAt: a.closedAt ?? null }]));

describe('close wins over sign-ins', () => {
  const w = world();
  const schoolId = uniqueId('sch-race');
  const members = Array.from({ length: MEMBERS }, (_, i) => ({ userId: `u-${schoolId}-${i}`, name: `竞争教师${i}`, roles: [{ role: 'teacher' as const, scope: { schoolId } }] }));

  beforeAll(async () => {
    const now = new Date().toISOString();
    for (let i = 0; i < members.length; i += 25) {
      await Promise.all(
        members.slice(i, i + 25).map((m) => w.users.createUserWithIdentities({ id: m.userId, name: m.name, createdAt: now }, [{ provider: 'dev', externalId: m.userId }], m.roles)),
      );
    }
  }, 120_000);

  it(`never lets a sign-in change the roster once close has answered (close and ${MEMBERS * 2} sign-ins, ${ROUNDS} times)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const session = liveSession(schoolId);
      await w.sessions.putSession(session);
      const scan = () => ({ token: qrTokenAt(session.id, 'in', Date.now()), deviceId: randomUUID(), nonce: randomUUID() });
      // Warm the cache with the session as published; a few were excused by hand beforehand.
      await w.signIns.signIn(members[0]!, session.id, scan());
      const ix = { sessionStartAt: session.startAt, sessionKind: session.kind };
      const now = new Date().toISOString();
      await Promise.all(
        members.slice(1, 4).map((m) =>
          w.attendance.putManual(
            { sessionId: session.id, userId: m.userId, name: m.name, schoolId, status: 'excused', method: 'manual', flags: [], creditedHours: 0, updatedAt: now },
            ix,
            { at: now, by: 'u-organizer', action: 'status:excused', reason: '请假' },
          ),
        ),
      );

      const attempt = (m: (typeof members)[number]) => w.signIns.signIn(m, session.id, scan()).then((r) => (r.created ? 'created' : 'repeat'), (e: { code?: string }) => e.code ?? 'error');
      // Half the members scan twice while close runs, spread over its course; then everyone scans once more.
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const firstWave = members.flatMap((m, i) => (i % 2 === 0 ? [pause(i / 4).then(() => attempt(m)), pause(i / 2).then(() => attempt(m))] : []));
      const closed = await w.closer.close(session, 'organizer');
      expect(closed?.status).toBe('closed');
      const atClose = view(await w.attendance.listWholeRoster(session.id));
      const secondWave = await Promise.all(members.map(attempt));
      const firstOutcomes = await Promise.all(firstWave);
      const after = view(await w.attendance.listWholeRoster(session.id));

      expect(after).toEqual(atClose);
      expect(Object.keys(after)).toHaveLength(MEMBERS);
      expect(secondWave.every((o) => o === 'WINDOW_CLOSED' || o === 'repeat')).toBe(true);
      // Those who never scanned before close were refused: their absence stands.
      expect(secondWave.filter((_, i) => i % 2 === 1 && i > 3).every((o) => o === 'WINDOW_CLOSED')).toBe(true);
      expect(firstOutcomes.every((o) => ['created', 'repeat', 'WINDOW_CLOSED'].includes(o))).toBe(true);
      for (const record of Object.values(after)) expect(record.signedInAt !== null || record.closedAt !== null).toBe(true);
    }
  }, 300_000);
});
