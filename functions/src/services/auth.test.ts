import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { User } from '@lianyan/shared';
import type { DingtalkClient } from '#lib/dingtalk';
import { AppError } from '#lib/errors';
import { makeTokenService } from '#lib/tokens';
import type { WechatClient } from '#lib/wechat';
import type { UserRepository } from '#repositories/users';
import { makeAuthService } from './auth.ts';

// 注销 and issued tokens: the sign-in path trusts an access token without a read, so no access token may outlive the
// cooling-off of a pending deletion (the erasure runs at or after `dueAt`); a refresh after `dueAt` is refused, a login
// cancels the deletion and gets the full lifetime.

// The token's own times come from the system clock (jose), so the service's clock is the system time here too.
const NOW = Date.now();
const ACCESS_TTL = 1800;

function setUp(deletion: User['deletion'] | undefined) {
  let pending = deletion;
  const user = (): User => ({ id: 'u1', name: '王老师', roles: [{ role: 'teacher', scope: { schoolId: 's1' } }], createdAt: '2026-09-01T00:00:00Z', ...(pending ? { deletion: pending } : {}) });
  const users = {
    getUserWithRoles: async (id: string) => (id === 'u1' ? user() : undefined),
    findUserIdByIdentity: async () => 'u1',
    cancelDeletion: async () => {
      const had = Boolean(pending);
      pending = undefined;
      return had;
    },
  } as unknown as UserRepository;
  const tokens = makeTokenService({ issuer: 'test', accessTtlSeconds: ACCESS_TTL, refreshTtlSeconds: 30 * 86_400, getSecret: async () => 'x'.repeat(32) });
  const auth = makeAuthService({
    users,
    tokens,
    wechat: {} as WechatClient,
    dingtalk: {} as DingtalkClient,
    clock: { now: () => new Date(NOW) },
    newId: () => 'new',
    wechatAppId: 'app',
    dingtalkAppKey: 'key',
    devLoginEnabled: true,
  });
  return { auth, tokens };
}

const at = (seconds: number) => new Date(NOW + seconds * 1000).toISOString();
const expiresAt = (token: string) => Number(decodeJwt(token).exp) * 1000;

describe('access tokens of an account awaiting erasure (注销)', () => {
  it('lives the configured time when no deletion is pending', async () => {
    const { auth, tokens } = setUp(undefined);
    const issued = await auth.refresh(await tokens.issueRefreshToken('u1'));
    expect(issued.expiresIn).toBe(ACCESS_TTL);
  });

  it('ends no later than the cooling-off when a refresh is made in its last half hour', async () => {
    const dueAt = at(600);
    const { auth, tokens } = setUp({ requestedAt: at(-15 * 86_400 + 600), dueAt });
    const issued = await auth.refresh(await tokens.issueRefreshToken('u1'));
    expect(issued.expiresIn).toBe(600);
    expect(expiresAt(issued.token)).toBeLessThanOrEqual(Date.parse(dueAt));
    // Earlier in the cooling-off the token is the usual length (it still ends well before dueAt).
    const early = setUp({ requestedAt: at(-60), dueAt: at(15 * 86_400 - 60) });
    expect((await early.auth.refresh(await early.tokens.issueRefreshToken('u1'))).expiresIn).toBe(ACCESS_TTL);
  });

  it('is refused by the refresh once the cooling-off has ended (the erasure may run any moment)', async () => {
    const { auth, tokens } = setUp({ requestedAt: at(-15 * 86_400 - 1), dueAt: at(-1) });
    const refused = await auth.refresh(await tokens.issueRefreshToken('u1')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED', details: { reason: 'deletion_due' } });
  });

  it('is the full length after a login, which cancels the deletion', async () => {
    const { auth } = setUp({ requestedAt: at(-15 * 86_400 + 60), dueAt: at(60) });
    const login = await auth.loginWithDevAccount('teacher');
    expect(login.deletionCancelled).toBe(true);
    expect(login.expiresIn).toBe(ACCESS_TTL);
  });
});
