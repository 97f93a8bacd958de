import { scopeKey, type Group, type GroupMember, type School } from '@lianyan/shared';
import type { FederationRepository } from '#repositories/federations';
import type { GroupRepository, StoredGroup } from '#repositories/groups';
import type { RosterProfile } from '#repositories/people';
import type { UserRepository } from '#repositories/users';

// Who is in a 中心教研组, computed on every read from Queries on keys (no Scan, no copy that could drift):
//   1. the federation's schools: Query GSI1 FED#<fid> / begins_with SCHOOL#
//   2. each school's teachers: Query GSI1 SCOPE#school:<sid> / begins_with ROLE#teacher#
//   3. their profiles (subjects, grades): BatchGet PK=USER#<uid>, SK=PROFILE
//   4. the group with its hand-made changes: Query PK=GROUP#<gid> (META, ADD#<uid>, DROP#<uid>)
// Members = teachers whose subjects hold the group's subject and whose grades hold its grade, plus those added by hand
// (still teachers of the federation), minus those removed; the leader always belongs.

/** A teacher of the federation: the school they teach at (the first, for a person at two) and their profile. */
export interface FederationTeacher {
  userId: string;
  schoolId: string;
  profile: RosterProfile;
}

const subjectsOf = (profile: RosterProfile) => profile.subjects ?? ((profile as { subject?: string }).subject ? [(profile as { subject?: string }).subject as string] : []);

/** Whether a teacher teaches the group's subject in its grade. */
export const teachesFor = (group: Pick<Group, 'subject' | 'grade'>, profile: RosterProfile) =>
  subjectsOf(profile).includes(group.subject) && (profile.grades ?? []).includes(group.grade);

/** The members of a group, from the federation's teachers and the group's own changes; pure. */
export function groupMembers(stored: StoredGroup, teachers: ReadonlyMap<string, FederationTeacher>, schools: ReadonlyMap<string, School>): { members: GroupMember[]; removed: Array<{ id: string; name: string; schoolId: string }> } {
  const { group } = stored;
  const dropped = new Set(stored.dropped);
  const added = new Set(stored.added);
  const members: GroupMember[] = [];
  const removed: Array<{ id: string; name: string; schoolId: string }> = [];
  for (const teacher of teachers.values()) {
    const leader = teacher.userId === group.leaderId;
    const byRule = teachesFor(group, teacher.profile);
    if (!leader && dropped.has(teacher.userId)) {
      if (byRule) removed.push({ id: teacher.userId, name: teacher.profile.name, schoolId: teacher.schoolId });
      continue;
    }
    if (!leader && !byRule && !added.has(teacher.userId)) continue;
    const schoolName = schools.get(teacher.schoolId)?.name;
    members.push({
      id: teacher.userId,
      name: teacher.profile.name,
      schoolId: teacher.schoolId,
      ...(schoolName ? { schoolName } : {}),
      subjects: subjectsOf(teacher.profile),
      grades: teacher.profile.grades ?? [],
      via: byRule ? 'rule' : leader ? 'leader' : 'added',
      leader,
    });
  }
  const order = (m: GroupMember) => (m.leader ? 0 : 1);
  members.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  return { members, removed: removed.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')) };
}

export function makeGroupMembership(deps: { groups: GroupRepository; users: UserRepository; federations: FederationRepository }) {
  /** The federation's schools and teachers (steps 1–3 above). */
  async function teachersOf(federationId: string): Promise<{ schools: Map<string, School>; teachers: Map<string, FederationTeacher> }> {
    const schoolList = await deps.federations.listSchoolsOfFederation(federationId);
    const bySchool = await Promise.all(schoolList.map(async (s) => ({ schoolId: s.id, ids: await deps.users.listAllMembersOfScope(scopeKey({ schoolId: s.id }), 'teacher') })));
    const schoolOf = new Map<string, string>();
    for (const { schoolId, ids } of bySchool) for (const id of ids) if (!schoolOf.has(id)) schoolOf.set(id, schoolId);
    const profiles = await deps.users.getProfiles([...schoolOf.keys()]);
    const teachers = new Map<string, FederationTeacher>();
    for (const [userId, schoolId] of schoolOf) {
      const profile = profiles.get(userId) as unknown as RosterProfile | undefined;
      // An erased account (注销) is in no group: its role items stay for the figures only.
      if (profile && (profile.status as string | undefined) !== 'deleted') teachers.set(userId, { userId, schoolId, profile });
    }
    return { schools: new Map(schoolList.map((s) => [s.id, s])), teachers };
  }

  return {
    teachersOf,

    /** The group alone (GetItem), without its members. */
    group: (groupId: string) => deps.groups.getMeta(groupId),

    /** A group's members now, with the school each belongs through; undefined when the group does not exist. */
    async membersOf(groupId: string): Promise<{ group: Group; members: GroupMember[] } | undefined> {
      const stored = await deps.groups.get(groupId);
      if (!stored) return undefined;
      const { schools, teachers } = await teachersOf(stored.group.federationId);
      return { group: stored.group, members: groupMembers(stored, teachers, schools).members };
    },
  };
}
export type GroupMembership = ReturnType<typeof makeGroupMembership>;
