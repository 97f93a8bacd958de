import { LEGAL_VERSION, NewDevAccountName, PRIVACY_ERROR_MESSAGES, type AuthResult, type Consent, type DevAccount, type User } from '@lianyan/shared';
import { AppError, badRequest, notFound } from '#lib/errors';
import type { Clock } from '#lib/clock';
import type { DingtalkClient } from '#lib/dingtalk';
import type { AuthContext, TokenService } from '#lib/tokens';
import type { WechatClient } from '#lib/wechat';
import { tokenRoles, type IdentityProvider, type UserRepository } from '#repositories/users';
import type { PhoneClaim } from './phone-claim.ts';

interface AuthDeps {
  users: UserRepository;
  tokens: TokenService;
  wechat: WechatClient;
  dingtalk: DingtalkClient;
  clock: Clock;
  newId: () => string;
  wechatAppId: string;
  dingtalkAppKey: string;
  devLoginEnabled: boolean;
  /** Logins that bring a phone claim the roster's invited person with it. */
  phoneClaim?: PhoneClaim;
}

type IdentityRef = { provider: IdentityProvider; externalId: string };

export function makeAuthService(deps: AuthDeps) {
  const { users, tokens } = deps;

  /**
   * How long an access token may live: the configured time, but never past the end of a pending deletion's
   * cooling-off, so none issued before the erasure (which runs at or after `dueAt`) is still valid after it — the
   * sign-in path trusts the token without a read. A login cancels the deletion (issueForLogin) and gets the full time;
   * a refresh after `dueAt` is refused.
   */
  function accessTtlOf(user: User): number {
    if (!user.deletion) return tokens.accessTtlSeconds;
    const left = Math.floor((Date.parse(user.deletion.dueAt) - deps.clock.now().getTime()) / 1000);
    if (left <= 0) throw new AppError(401, 'UNAUTHENTICATED', '注销冷静期已结束，账号即将注销；如需继续使用，请重新登录（登录即撤销注销）', { reason: 'deletion_due' });
    return Math.min(tokens.accessTtlSeconds, left);
  }

  async function issueFor(user: User, isNew?: boolean): Promise<AuthResult> {
    const ttl = accessTtlOf(user);
    const auth: AuthContext = {
      userId: user.id,
      roles: tokenRoles(user),
      name: user.name,
      ...(user.subject ? { subject: user.subject } : {}),
      ...(user.children?.some((c) => !c.graduatedIn) ? { children: user.children.filter((c) => !c.graduatedIn).map((c) => ({ schoolId: c.schoolId, grade: c.grade })) } : {}),
    };
    return {
      token: await tokens.issueAccessToken(auth, ttl),
      refreshToken: await tokens.issueRefreshToken(user.id),
      expiresIn: ttl,
      user,
      ...(isNew === undefined ? {} : { isNew }),
    };
  }

  async function issueForUserId(userId: string, isNew?: boolean) {
    const user = await users.getUserWithRoles(userId);
    if (!user) throw new AppError(401, 'UNAUTHENTICATED', '账号不存在，请重新登录');
    return issueFor(user, isNew);
  }

  /** A login (not a token refresh): it cancels a deletion in its cooling-off period (注销冷静期内登录即撤销). */
  async function issueForLogin(userId: string, isNew?: boolean) {
    const user = await users.getUserWithRoles(userId);
    if (!user) throw new AppError(401, 'UNAUTHENTICATED', '账号不存在，请重新登录');
    if (!user.deletion) return issueFor(user, isNew);
    await users.cancelDeletion(userId);
    const { deletion: _cancelled, ...kept } = user;
    return { ...(await issueFor(kept, isNew)), deletionCancelled: true };
  }

  /** Finds the user behind the first known identity (or the roster's person with this phone), or creates one; concurrent first logins make one user. */
  async function findOrCreateUser(identities: IdentityRef[], defaultName: string, phone?: string) {
    const claimed = phone && deps.phoneClaim ? await deps.phoneClaim.claim(identities, phone) : undefined;
    if (claimed) return claimed;
    for (let attempt = 0; attempt < 3; attempt++) {
      for (const [index, identity] of identities.entries()) {
        const userId = await users.findUserIdByIdentity(identity.provider, identity.externalId);
        if (!userId) continue;
        const now = deps.clock.now().toISOString();
        for (const missing of identities.slice(0, index)) {
          await users.linkIdentity(missing.provider, missing.externalId, userId, now);
        }
        return { userId, isNew: false };
      }
      const profile = { id: deps.newId(), name: defaultName, createdAt: deps.clock.now().toISOString() };
      const { created } = await users.createUserWithIdentities(profile, identities);
      if (created) return { userId: profile.id, isNew: true };
    }
    throw new AppError(409, 'CONFLICT', '登录冲突，请重试');
  }

  return {
    async loginWithWechat(code: string, phoneCode?: string): Promise<AuthResult> {
      const session = await deps.wechat.codeToSession(code);
      const phone = phoneCode ? await deps.wechat.phoneNumberFromCode(phoneCode) : undefined;
      const identities: IdentityRef[] = [
        ...(session.unionid ? [{ provider: 'wechat-union' as const, externalId: session.unionid }] : []),
        { provider: 'wechat', externalId: `${deps.wechatAppId}:${session.openid}` },
      ];
      const { userId, isNew } = await findOrCreateUser(identities, '微信用户', phone);
      return issueForLogin(userId, isNew);
    },

    async loginWithDingtalk(authCode: string): Promise<AuthResult> {
      const person = await deps.dingtalk.userFromAuthCode(authCode);
      const identities: IdentityRef[] = [
        ...(person.unionid ? [{ provider: 'dingtalk-union' as const, externalId: person.unionid }] : []),
        { provider: 'dingtalk', externalId: `${deps.dingtalkAppKey}:${person.userid}` },
      ];
      const { userId, isNew } = await findOrCreateUser(identities, person.name ?? '钉钉用户', person.mobile);
      return issueForLogin(userId, isNew);
    },

    async refresh(refreshToken: string): Promise<AuthResult> {
      return issueForUserId(await tokens.verifyRefreshToken(refreshToken));
    },

    async me(auth: AuthContext): Promise<User> {
      const user = await users.getUserWithRoles(auth.userId);
      if (!user) throw notFound('账号不存在');
      return user;
    },

    /** Records agreement to our texts; only the version in force can be agreed to (an old page asks to refresh). */
    async recordConsent(auth: AuthContext, version: string): Promise<{ created: boolean; body: Consent }> {
      if (version !== LEGAL_VERSION) {
        throw new AppError(409, 'CONSENT_VERSION_OUTDATED', PRIVACY_ERROR_MESSAGES.CONSENT_VERSION_OUTDATED, { version: LEGAL_VERSION });
      }
      const { created, ...consent } = await users.recordConsent(auth.userId, version, deps.clock.now().toISOString());
      return { created, body: consent };
    },

    async updateName(auth: AuthContext, name: string): Promise<User> {
      await users.updateName(auth.userId, name);
      return this.me(auth);
    },

    issueFor,
    issueForUserId,

    // Development login exists only on the local stage; elsewhere it answers as an unknown route.
    async loginWithDevAccount(account: string, create = false): Promise<AuthResult> {
      if (!deps.devLoginEnabled) throw notFound();
      if (create) {
        const name = NewDevAccountName.safeParse(account);
        if (!name.success) throw badRequest('VALIDATION_FAILED', name.error.issues[0]?.message, { fieldErrors: { account: name.error.issues.map((i) => i.message) } });
        const { userId, isNew } = await findOrCreateUser([{ provider: 'dev', externalId: name.data }], '本地用户');
        return issueForLogin(userId, isNew);
      }
      const userId = await users.findUserIdByIdentity('dev', account);
      if (!userId) throw notFound('演示账号不存在，请刷新账号列表');
      return issueForLogin(userId);
    },

    async listDevAccounts(): Promise<DevAccount[]> {
      if (!deps.devLoginEnabled) throw notFound();
      const accounts: Array<{ account: string; userId: string }> = [];
      let cursor: string | undefined;
      do {
        const page = await users.listDevIdentities({ cursor });
        accounts.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor && accounts.length < 200);
      const found = await users.getUsersWithRoles(accounts.map((a) => a.userId));
      const byId = new Map(found.map((u) => [u.id, u]));
      return accounts.flatMap((a) => {
        const user = byId.get(a.userId);
        return user ? [{ account: a.account, userId: a.userId, name: user.name, roles: user.roles }] : [];
      });
    },
  };
}
export type AuthService = ReturnType<typeof makeAuthService>;
