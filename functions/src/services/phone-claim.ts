import { conflict } from '#lib/errors';
import type { Clock } from '#lib/clock';
import type { PeopleRepository } from '#repositories/people';
import type { IdentityProvider, UserRepository } from '#repositories/users';

type IdentityRef = { provider: IdentityProvider; externalId: string };

const phoneClaimed = () => conflict('PHONE_CLAIMED', '这个手机号已由另一个微信或钉钉账号使用，请用原账号登录，或联系学校管理员');

/**
 * A login that brings a phone number (WeChat's 手机号快捷登录, DingTalk's mobile) lands on the teacher an admin
 * imported or added with that phone: the person becomes `active` with the roles the roster gave. One phone, one
 * person: of two accounts claiming it at once, one wins and the other is told.
 */
export function makePhoneClaim(deps: { people: PeopleRepository; users: UserRepository; clock: Clock }) {
  const { people, users } = deps;

  async function currentUserOf(identities: IdentityRef[]): Promise<string | undefined> {
    for (const identity of identities) {
      const userId = await users.findUserIdByIdentity(identity.provider, identity.externalId);
      if (userId) return userId;
    }
    return undefined;
  }

  return {
    /** The person this login claims (or already is), or undefined to go on as a login without a phone. */
    async claim(identities: IdentityRef[], phone: string): Promise<{ userId: string; isNew: false } | undefined> {
      for (let attempt = 0; attempt < 3; attempt++) {
        const personId = await people.findUserIdByPhone(phone);
        if (!personId) return undefined;
        const current = await currentUserOf(identities);
        if (current === personId) return { userId: personId, isNew: false };
        const person = await people.getRosterProfile(personId);
        if (person?.status !== 'invited') {
          // The phone's person is someone's account already: this login keeps its own account if it has one.
          if (current) return undefined;
          throw phoneClaimed();
        }
        // An account with roles of its own stays as it is; an empty one (made before the import) gives way.
        if (current && (await users.getUserWithRoles(current))?.roles.length) return undefined;
        const outcome = await people.claim(personId, identities, deps.clock.now().toISOString(), current);
        if (outcome === 'claimed') return { userId: personId, isNew: false };
        if (outcome === 'taken') throw phoneClaimed();
      }
      throw conflict('CONFLICT', '登录冲突，请重试');
    },
  };
}
export type PhoneClaim = ReturnType<typeof makePhoneClaim>;
