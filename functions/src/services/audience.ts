import { scopeKey, type Audience, type Role, type Session } from '@lianyan/shared';
import { badRequest } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { FederationRepository } from '#repositories/federations';
import type { UserProfile, UserRepository } from '#repositories/users';

export const audienceRole = (audience: Audience): Role => (audience.type === 'parents' ? 'parent' : 'teacher');

/** A parent audience's children: of an audience school and, when the session names grades, of one of them. */
export function childInAudience(session: Pick<Session, 'audience' | 'audienceSchoolIds'>, child: { schoolId: string; grade: string }): boolean {
  if (session.audience.type !== 'parents') return false;
  const schools = session.audienceSchoolIds ?? session.audience.schoolIds;
  const grades = session.audience.grades ?? [];
  return schools.includes(child.schoolId) && (grades.length === 0 || grades.includes(child.grade));
}

/** The school through which this person belongs to the session's audience, or undefined. No reads: all from the token. */
export function audienceSchoolOf(session: Pick<Session, 'audience' | 'audienceSchoolIds'>, auth: AuthContext): string | undefined {
  // Parents belong through a child of an audience school and grade, carried in the token.
  if (session.audience.type === 'parents') return auth.children?.find((c) => childInAudience(session, c))?.schoolId;
  const role = audienceRole(session.audience);
  const schools = session.audienceSchoolIds ?? [];
  const schoolId = auth.roles
    .filter((r) => r.role === role && 'schoolId' in r.scope)
    .map((r) => (r.scope as { schoolId: string }).schoolId)
    .find((id) => schools.includes(id));
  if (!schoolId) return undefined;
  if (session.audience.type === 'group' && auth.subject !== session.audience.subject) return undefined;
  return schoolId;
}

export function makeAudienceResolver(deps: { federations: FederationRepository; users: UserRepository }) {
  return {
    /** The schools whose people may attend, checked against the session's federation. */
    async resolveSchools(federationId: string, audience: Audience): Promise<string[]> {
      const schools = (await deps.federations.listSchoolsOfFederation(federationId)).map((s) => s.id);
      if (audience.type === 'federation' || audience.type === 'group') return schools;
      const outside = audience.schoolIds.filter((id) => !schools.includes(id));
      if (outside.length) {
        throw badRequest('VALIDATION_FAILED', '参与学校必须是本校联体的学校', { fieldErrors: { audience: [`不属于本校联体：${outside.join('、')}`] } });
      }
      return [...new Set(audience.schoolIds)];
    },

    /** Everyone expected at the session (or in a campaign), with their school: members by role of each audience school. */
    async listMembers(session: Pick<Session, 'audience' | 'audienceSchoolIds'>): Promise<Array<UserProfile & { schoolId: string }>> {
      const role = audienceRole(session.audience);
      const members: Array<{ userId: string; schoolId: string }> = [];
      if (session.audience.type === 'parents') {
        // Parents of the audience's children: the school's families by grade (GSI1 CHILDREN#<sid>).
        const grades = session.audience.grades?.length ? session.audience.grades : [undefined];
        for (const schoolId of session.audienceSchoolIds ?? []) {
          for (const grade of grades) {
            const links = await deps.users.listChildLinksOfSchool(schoolId, grade);
            members.push(...links.map((l) => ({ userId: l.parentId, schoolId })));
          }
        }
      }
      for (const schoolId of session.audience.type === 'parents' ? [] : (session.audienceSchoolIds ?? [])) {
        let cursor: string | undefined;
        do {
          const page = await deps.users.listMembersOfScope(scopeKey({ schoolId }), role, { limit: 500, cursor });
          members.push(...page.userIds.map((userId) => ({ userId, schoolId })));
          cursor = page.nextCursor;
        } while (cursor);
      }
      const unique = [...new Map(members.map((m) => [m.userId, m])).values()];
      const profiles = await deps.users.getProfiles(unique.map((m) => m.userId));
      return unique.flatMap((m) => {
        const profile = profiles.get(m.userId);
        if (!profile) return [];
        if (session.audience.type === 'group' && profile.subject !== session.audience.subject) return [];
        return [{ ...profile, schoolId: m.schoolId }];
      });
    },
  };
}
export type AudienceResolver = ReturnType<typeof makeAudienceResolver>;
