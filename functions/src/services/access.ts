import { scopeKey, type Role, type Scope, type Session, type User } from '@lianyan/shared';
import { badRequest, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { AttendanceRepository } from '#repositories/attendance';
import type { FederationRepository } from '#repositories/federations';
import type { UserRepository } from '#repositories/users';
import { audienceSchoolOf } from './audience.ts';

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

/** What a session-scoped write needs of its session: the audience, the host school and the id. */
export type ReachSession = Pick<Session, 'id' | 'audience' | 'audienceSchoolIds' | 'hostSchoolId'>;

/**
 * Reach: the one rule for every write about another person (an attendance mark, a review, a lesson's teacher, an
 * excerpt). About a session, the person must be one of its people: its audience, someone who signed in to it, or a
 * teacher of its host school. About a person alone, the actor must administer one of the person's schools
 * (a federation admin: the federation's schools and people; a district admin: everyone).
 */
export function makeReach(deps: { access: AccessPolicy; users: Pick<UserRepository, 'getUserWithRoles'>; attendance: Pick<AttendanceRepository, 'getAttendance'> }) {
  const { access } = deps;

  function asAuth(person: User): AuthContext {
    return {
      userId: person.id,
      roles: person.roles,
      ...(person.subject ? { subject: person.subject } : {}),
      ...(person.children?.some((c) => !c.graduatedIn) ? { children: person.children.filter((c) => !c.graduatedIn).map((c) => ({ schoolId: c.schoolId, grade: c.grade })) } : {}),
    };
  }

  async function ofSession(person: User, session: ReachSession): Promise<boolean> {
    if (audienceSchoolOf(session, asAuth(person)) !== undefined) return true;
    if (person.roles.some((g) => g.role === 'teacher' && 'schoolId' in g.scope && g.scope.schoolId === session.hostSchoolId)) return true;
    return Boolean((await deps.attendance.getAttendance(session.id, person.id))?.signedInAt);
  }

  async function administered(auth: AuthContext, person: User): Promise<boolean> {
    if (access.holds(auth, 'districtAdmin', {})) return true;
    const scopes: Scope[] = [
      ...person.roles.flatMap((g) => (g.role === 'districtAdmin' ? [] : [g.scope])),
      ...(person.children ?? []).map((c) => ({ schoolId: c.schoolId })),
    ];
    for (const scope of scopes) if (await access.administers(auth, scope)) return true;
    return false;
  }

  /** Whether the actor may write about this person (with a session: about them at that session). */
  async function canActOn(auth: AuthContext, personId: string, session?: ReachSession): Promise<User | undefined> {
    const person = await deps.users.getUserWithRoles(personId);
    if (!person) return undefined;
    const within = session ? await ofSession(person, session) : await administered(auth, person);
    return within ? person : undefined;
  }

  return {
    canActOn,

    /** The person, or 403 with `message` — the same answer whether the id exists or not, so ids cannot be probed. */
    async assertCanActOn(auth: AuthContext, personId: string, session: ReachSession | undefined, message: string): Promise<User> {
      const person = await canActOn(auth, personId, session);
      if (!person) throw forbidden(message);
      return person;
    },
  };
}
export type Reach = ReturnType<typeof makeReach>;
