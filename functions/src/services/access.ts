import { scopeKey, type Role, type Scope } from '@lianyan/shared';
import { badRequest, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { FederationRepository } from '#repositories/federations';

const SCHOOL_ADMIN_GRANTS: readonly Role[] = ['teacher', 'parent', 'schoolAdmin'];
const FEDERATION_ADMIN_GRANTS: readonly Role[] = ['organizer', 'federationAdmin', 'teacher', 'parent', 'schoolAdmin'];

/** Scope checks shared by services: who administers a school or a federation. */
export function makeAccessPolicy(federations: FederationRepository) {
  const holds = (auth: AuthContext, role: Role, scope: Scope) =>
    auth.roles.some((g) => g.role === role && scopeKey(g.scope) === scopeKey(scope));

  async function schoolOrThrow(schoolId: string) {
    const school = await federations.getSchool(schoolId);
    if (!school) throw notFound('学校不存在');
    return school;
  }

  return {
    holds,

    /** The federations this person belongs to through any role (a school's through the school). */
    async federationIdsOf(auth: AuthContext): Promise<string[]> {
      const ids = new Set<string>();
      for (const grant of auth.roles) {
        if ('federationId' in grant.scope) ids.add(grant.scope.federationId);
        if ('schoolId' in grant.scope) {
          const school = await federations.getSchool(grant.scope.schoolId);
          if (school) ids.add(school.federationId);
        }
      }
      return [...ids];
    },

    /** Whether the actor administers this scope (district admins administer everything). */
    async administers(auth: AuthContext, scope: Scope): Promise<boolean> {
      if (holds(auth, 'districtAdmin', {})) return true;
      if ('federationId' in scope) return holds(auth, 'federationAdmin', scope);
      if ('schoolId' in scope) {
        if (holds(auth, 'schoolAdmin', scope)) return true;
        const school = await schoolOrThrow(scope.schoolId);
        return holds(auth, 'federationAdmin', { federationId: school.federationId });
      }
      return false;
    },

    /** An invite may grant a role only within a scope its creator administers, and only roles that admin may hand out. */
    async assertCanGrant(auth: AuthContext, role: Role, scope: Scope): Promise<void> {
      if ('schoolId' in scope) await schoolOrThrow(scope.schoolId);
      if ('federationId' in scope && !(await federations.getFederation(scope.federationId))) {
        throw notFound('校联体不存在');
      }
      if (holds(auth, 'districtAdmin', {})) return;
      // 班主任: a teacher may invite the parents of their own school.
      if ('schoolId' in scope && role === 'parent' && holds(auth, 'teacher', scope)) return;
      if ('schoolId' in scope) {
        if (holds(auth, 'schoolAdmin', scope) && SCHOOL_ADMIN_GRANTS.includes(role)) return;
        const school = await schoolOrThrow(scope.schoolId);
        if (holds(auth, 'federationAdmin', { federationId: school.federationId }) && FEDERATION_ADMIN_GRANTS.includes(role)) return;
      } else if ('federationId' in scope) {
        if (holds(auth, 'federationAdmin', scope) && FEDERATION_ADMIN_GRANTS.includes(role)) return;
      }
      throw forbidden('你只能为自己管理的学校或校联体发放邀请码');
    },

    assertScopeFitsRole(role: Role, scope: Scope, fits: boolean) {
      if (!fits) {
        const need = { school: '学校', federation: '校联体', district: '全区' } as const;
        const kind = role === 'districtAdmin' ? 'district' : role === 'organizer' || role === 'federationAdmin' ? 'federation' : 'school';
        throw badRequest('VALIDATION_FAILED', `该角色需要指定${need[kind]}范围`, { fieldErrors: { scope: ['范围与角色不匹配'] } });
      }
    },
  };
}
export type AccessPolicy = ReturnType<typeof makeAccessPolicy>;
