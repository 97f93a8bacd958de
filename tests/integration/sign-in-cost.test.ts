import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Session } from '@lianyan/shared';
import { makeAttendanceRepository } from '@lianyan/functions/repositories/attendance';
import { makeRateLimitRepository } from '@lianyan/functions/repositories/rate-limits';
import { makeSessionRepository } from '@lianyan/functions/repositories/sessions';
import { makeSignInService } from '@lianyan/functions/services/sign-in';
import { stack } from '../support/api.ts';
import { testTable } from '../support/db.ts';
import { qrTokenAt } from '../support/sessions.ts';

/** The real repositories and service on DynamoDB Local, with an SDK middleware recording every command sent. */
function instrumented() {
  const ctx = testTable();
  const commands: string[] = [];
  ctx.db.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  const sessions = makeSessionRepository(ctx);
  const service = makeSignInService({
    sessions,
    attendance: makeAttendanceRepository(ctx),
    rateLimits: makeRateLimitRepository(ctx),
    clock: { now: () => new Date() },
    settings: {
      getQrSecret: async () => stack().qrSecret,
      clockMarginMs: 5000,
      replayLimitMs: 86_400_000,
      sessionCacheMs: 5000,
      failureLimit: 3,
      failureWindowMs: 60_000,
    },
  });
  return { commands, sessions, service };
}

const liveSession = (id: string): Session => ({
  id,
  federationId: 'fed-chengdong',
  hostSchoolId: 'sch-core',
  organizerId: 'u-organizer',
  kind: 'joint_research',
  mode: 'offline',
  title: '成本测试',
  venue: { name: '报告厅', lat: 30.2741, lng: 120.1551, radiusM: 300 },
  startAt: new Date(Date.now() - 60_000).toISOString(),
  endAt: new Date(Date.now() + 3_600_000).toISOString(),
  signIn: { opensBeforeMin: 30, lateAfterMin: 10, closesAfterEndMin: 30 },
  signOutRequired: false,
  creditHours: 1,
  audience: { type: 'federation' },
  audienceSchoolIds: ['sch-core'],
  registrationRequired: false,
  status: 'published',
  createdAt: new Date().toISOString(),
  geofence: 'flag',
});

const teacher = (n: number) => ({ userId: `u-cost-${n}-${randomUUID().slice(0, 8)}`, name: `成本${n}`, roles: [{ role: 'teacher' as const, scope: { schoolId: 'sch-core' } }] });

describe('cost of the sign-in request path', () => {
  it('is one read of the session and one conditional write; with the session cached, the write alone; never a Scan', async () => {
    const { commands, sessions, service } = instrumented();
    const session = liveSession(`ses-cost-${randomUUID().slice(0, 8)}`);
    await sessions.putSession(session);
    commands.length = 0;
    const body = () => ({ token: qrTokenAt(session.id, 'in', Date.now()), deviceId: randomUUID(), nonce: randomUUID(), location: { lat: 30.2741, lng: 120.1551 } });

    const first = await service.signIn(teacher(1), session.id, body());
    expect(first.created).toBe(true);
    expect(commands).toEqual(['GetItemCommand', 'PutItemCommand']);

    commands.length = 0;
    await service.signIn(teacher(2), session.id, body());
    expect(commands).toEqual(['PutItemCommand']);

    commands.length = 0;
    const repeatUser = teacher(3);
    await service.signIn(repeatUser, session.id, body());
    const repeat = await service.signIn(repeatUser, session.id, body());
    expect(repeat.created).toBe(false);
    expect(commands).toEqual(['PutItemCommand', 'PutItemCommand', 'GetItemCommand']);
    expect(commands.some((c) => c.includes('Scan'))).toBe(false);
  });

  it('counts a bad token with one UpdateItem; past the limit answers 429 and refuses the user without a request', async () => {
    const { commands, sessions, service } = instrumented();
    const session = liveSession(`ses-rate-${randomUUID().slice(0, 8)}`);
    await sessions.putSession(session);
    const user = teacher(4);
    const bad = () => ({ token: 'A'.repeat(22), deviceId: randomUUID(), nonce: randomUUID() });
    await service.signIn(teacher(5), session.id, { ...bad(), token: qrTokenAt(session.id, 'in', Date.now()) });

    commands.length = 0;
    for (let i = 0; i < 3; i++) await expect(service.signIn(user, session.id, bad())).rejects.toMatchObject({ statusCode: 400, code: 'TOKEN_INVALID' });
    expect(commands).toEqual(['UpdateItemCommand', 'UpdateItemCommand', 'UpdateItemCommand']);

    commands.length = 0;
    const limited = await service.signIn(user, session.id, bad()).catch((e: unknown) => e);
    expect(limited).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number((limited as { headers: Record<string, string> }).headers['Retry-After'])).toBeGreaterThan(0);
    expect(commands).toEqual(['UpdateItemCommand']);

    commands.length = 0;
    const good = { ...bad(), token: qrTokenAt(session.id, 'in', Date.now()) };
    await expect(service.signIn(user, session.id, good)).rejects.toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(commands).toEqual([]);

    const other = await service.signIn(teacher(6), session.id, { ...bad(), token: qrTokenAt(session.id, 'in', Date.now()) });
    expect(other.created).toBe(true);
  });
});
