import { isGroupById, scopeKey, shanghaiDay, type Audience, type GroupByIdAudience, type Role, type Session } from '@lianyan/shared';
import { badRequest } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { ExchangeRepository } from '#repositories/exchanges';
import type { FederationRepository } from '#repositories/federations';
import type { UserProfile, UserRepository } from '#repositories/users';
import type { GroupMembership } from './group-members.ts';

type AudienceOf = Pick<Session, 'audience' | 'audienceSchoolIds' | 'audienceMembers'>;

/**
 * An erased account (注销) is no one's audience: its role items stay (the semester's figures count its anonymous
 * records) but from erasure on it is expected nowhere — rosters, closes, briefings, campaigns and reports' absences
 * of sessions not yet closed. Closed sessions keep the records close wrote.
 */
const isErased = (profile: { status?: unknown }) => profile.status === 'deleted';

const audienceRole = (audience: Audience): Role => (audience.type === 'parents' ? 'parent' : 'teacher');

/** A parent audience's children: of an audience school and, when the session names grades, of one of them. */
export function childInAudience(session: Pick<Session, 'audience' | 'audienceSchoolIds'>, child: { schoolId: string; grade: string }): boolean {
  if (session.audience.type !== 'parents') return false;
  const schools = session.audienceSchoolIds ?? session.audience.schoolIds;
  const grades = session.audience.grades ?? [];
  return schools.includes(child.schoolId) && (grades.length === 0 || grades.includes(child.grade));
}

/** The school through which this person belongs to the session's audience, or undefined. No reads: all from the token. */
export function audienceSchoolOf(session: AudienceOf, auth: AuthContext): string | undefined {
  // Parents belong through a child of an audience school and grade, carried in the token.
  if (session.audience.type === 'parents') return auth.children?.find((c) => childInAudience(session, c))?.schoolId;
  // A research group chosen by id: its members when the session was published, kept on the session.
  if (isGroupById(session.audience)) return session.audienceMembers?.find((m) => m.userId === auth.userId)?.schoolId;
  const role = audienceRole(session.audience);
  const schools = session.audienceSchoolIds ?? [];
  const schoolId = auth.roles
    .filter((r) => r.role === role && 'schoolId' in r.scope)
    .map((r) => (r.scope as { schoolId: string }).schoolId)
    .find((id) => schools.includes(id));
  if (!schoolId) return undefined;
  if (session.audience.type === 'group' && 'subject' in session.audience && auth.subject !== session.audience.subject) return undefined;
  return schoolId;
}

export function makeAudienceResolver(deps: {
  federations: FederationRepository;
  users: UserRepository;
  groups?: GroupMembership;
  /** 交流轮岗: people on exchange at a school are its teachers too while the exchange runs. */
  exchanges?: Pick<ExchangeRepository, 'visitorsOf'>;
}) {
  /** A research group's members now (for a draft, and the snapshot taken at publish). */
  async function groupMembersNow(groupId: string) {
    const found = deps.groups ? await deps.groups.membersOf(groupId) : undefined;
    return (found?.members ?? []).map((m) => ({ userId: m.id, schoolId: m.schoolId }));
  }

  return {
    /**
     * What a session publishes with: for a research group chosen by id, its members at this moment (who is expected
     * does not change when the group does afterwards); nothing for any other audience.
     */
    async snapshot(session: Pick<Session, 'audience'>): Promise<Session['audienceMembers']> {
      return isGroupById(session.audience) ? groupMembersNow(session.audience.groupId) : undefined;
    },

    /** The research group an audience names, checked against the session's federation. */
    async groupOf(federationId: string, audience: GroupByIdAudience) {
      if (!deps.groups) throw badRequest('VALIDATION_FAILED', '这里不能按中心教研组选择参与人', { fieldErrors: { audience: ['请选择学校'] } });
      const group = await deps.groups.group(audience.groupId);
      if (!group || group.federationId !== federationId) {
        throw badRequest('VALIDATION_FAILED', '所选中心教研组不存在或不属于本校联体', { fieldErrors: { audience: ['请重新选择中心教研组'] } });
      }
      return group;
    },

    /** The audience as saved: a research group's carries the group's name (shown wherever the session is). */
    async named(federationId: string, audience: Audience): Promise<Audience> {
      if (!isGroupById(audience)) return audience;
      const group = await this.groupOf(federationId, audience);
      return { type: 'group', groupId: group.id, name: group.name };
    },

    /** The schools whose people may attend, checked against the session's federation. */
    async resolveSchools(federationId: string, audience: Audience): Promise<string[]> {
      // A research group chosen by id: every school of the federation, as for the older subject form (who is in: the members).
      if (isGroupById(audience)) await this.groupOf(federationId, audience);
      const schools = (await deps.federations.listSchoolsOfFederation(federationId)).map((s) => s.id);
      if (audience.type === 'federation' || audience.type === 'group') return schools;
      const outside = audience.schoolIds.filter((id) => !schools.includes(id));
      if (outside.length) {
        throw badRequest('VALIDATION_FAILED', '参与学校必须是本校联体的学校', { fieldErrors: { audience: [`不属于本校联体：${outside.join('、')}`] } });
      }
      return [...new Set(audience.schoolIds)];
    },

    /** Everyone expected at the session (or in a campaign), with their school: members by role of each audience school, less erased accounts. */
    async listMembers(session: AudienceOf): Promise<Array<UserProfile & { schoolId: string }>> {
      const role = audienceRole(session.audience);
      const members: Array<{ userId: string; schoolId: string }> = [];
      if (isGroupById(session.audience)) {
        // Published: the members as they were then; a draft: the group's members now.
        const fixed = session.audienceMembers ?? (await groupMembersNow(session.audience.groupId));
        const profiles = await deps.users.getProfiles(fixed.map((m) => m.userId));
        return fixed.flatMap((m) => {
          const profile = profiles.get(m.userId);
          return profile && !isErased(profile) ? [{ ...profile, schoolId: m.schoolId }] : [];
        });
      }
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
        if (role === 'teacher' && deps.exchanges) {
          // On the session's day (a campaign: today).
          const startAt = (session as { startAt?: string }).startAt;
          const day = shanghaiDay(startAt ?? new Date());
          const visitors = await deps.exchanges.visitorsOf(schoolId, { from: day, to: day });
          members.push(...visitors.map((v) => ({ userId: v.userId, schoolId })));
        }
      }
      const unique = [...new Map(members.map((m) => [m.userId, m])).values()];
      const profiles = await deps.users.getProfiles(unique.map((m) => m.userId));
      return unique.flatMap((m) => {
        const profile = profiles.get(m.userId);
        if (!profile || isErased(profile)) return [];
        if (session.audience.type === 'group' && 'subject' in session.audience && profile.subject !== session.audience.subject) return [];
        return [{ ...profile, schoolId: m.schoolId }];
      });
    },
  };
}
export type AudienceResolver = ReturnType<typeof makeAudienceResolver>;
