import {
  defaultGroupName,
  isGroupById,
  semesterOf,
  semesterRange,
  type CreateGroupRequest,
  type Group,
  type GroupDetail,
  type GroupList,
  type UpdateGroupRequest,
} from '@lianyan/shared';
import type { Clock } from '#lib/clock';
import { badRequest, conflict, forbidden, notFound } from '#lib/errors';
import type { AuthContext } from '#lib/tokens';
import type { FederationRepository } from '#repositories/federations';
import type { GroupRepository } from '#repositories/groups';
import type { SessionRepository } from '#repositories/sessions';
import type { AccessPolicy } from './access.ts';
import { groupMembers, type FederationTeacher, type GroupMembership } from './group-members.ts';

/** 中心教研组: kept by its federation's admins and district admins, read by the federation's people. */
export function makeGroupService(deps: {
  groups: GroupRepository;
  membership: GroupMembership;
  federations: FederationRepository;
  sessions: Pick<SessionRepository, 'listAllSessionsOfFederation'>;
  access: AccessPolicy;
  clock: Clock;
  newId: () => string;
}) {
  const { groups, membership, access, clock } = deps;

  async function federationOrThrow(federationId: string) {
    const federation = await deps.federations.getFederation(federationId);
    if (!federation) throw notFound('校联体不存在');
    return federation;
  }

  const manages = (actor: AuthContext, federationId: string) => access.administers(actor, { federationId });

  async function reads(actor: AuthContext, federationId: string) {
    return (await manages(actor, federationId)) || (await access.federationIdsOf(actor)).includes(federationId);
  }

  /** The leader must teach at one of the federation's schools (the people a group is made of). */
  function assertEligible(ids: string[], teachers: ReadonlyMap<string, FederationTeacher>, field: 'leaderId' | 'addMembers', what: string) {
    const outside = ids.filter((id) => !teachers.has(id));
    if (outside.length) {
      throw badRequest('VALIDATION_FAILED', `${what}必须是本校联体学校的教师`, { fieldErrors: { [field]: [`不是本校联体的教师：${outside.join('、')}`] } });
    }
  }

  async function loadVisible(actor: AuthContext, groupId: string) {
    const stored = await groups.get(groupId);
    if (!stored || !(await reads(actor, stored.group.federationId))) throw notFound('教研组不存在或你不属于它的校联体');
    return stored;
  }

  async function detail(actor: AuthContext, groupId: string): Promise<GroupDetail> {
    const stored = await loadVisible(actor, groupId);
    const { group } = stored;
    const now = clock.now();
    const [{ schools, teachers }, sessionList, canManage] = await Promise.all([
      membership.teachersOf(group.federationId),
      deps.sessions.listAllSessionsOfFederation(group.federationId, semesterRange(semesterOf(now))),
      manages(actor, group.federationId),
    ]);
    const { members, removed } = groupMembers(stored, teachers, schools);
    const leader = group.leaderId ? teachers.get(group.leaderId) : undefined;
    const sessions = sessionList
      .filter((s) => isGroupById(s.audience) && s.audience.groupId === group.id && (s.status !== 'draft' || canManage || s.organizerId === actor.userId))
      .sort((a, b) => a.startAt.localeCompare(b.startAt))
      .map((s) => ({ id: s.id, title: s.title, startAt: s.startAt, status: s.status, ...(s.expectedCount !== undefined ? { expectedCount: s.expectedCount } : {}) }));
    return { group: { ...group, ...(leader ? { leaderName: leader.profile.name } : {}) }, members, removed, sessions, canManage };
  }

  return {
    async create(actor: AuthContext, federationId: string, request: CreateGroupRequest): Promise<GroupDetail> {
      await federationOrThrow(federationId);
      if (!(await manages(actor, federationId))) throw forbidden('只有本校联体的管理员可以建立中心教研组');
      if (request.leaderId) assertEligible([request.leaderId], (await membership.teachersOf(federationId)).teachers, 'leaderId', '组长');
      const now = clock.now().toISOString();
      const group: Group = {
        id: deps.newId(),
        federationId,
        subject: request.subject,
        grade: request.grade,
        name: request.name ?? defaultGroupName(request.subject, request.grade),
        ...(request.leaderId ? { leaderId: request.leaderId } : {}),
        createdAt: now,
        updatedAt: now,
      };
      const outcome = await groups.create(group);
      if (outcome.outcome === 'exists') {
        throw conflict('GROUP_EXISTS', `本校联体已有${request.grade}${request.subject}中心教研组，请直接在列表中打开它`, outcome.groupId ? { groupId: outcome.groupId } : undefined);
      }
      return detail(actor, group.id);
    },

    async list(actor: AuthContext, federationId: string): Promise<GroupList> {
      await federationOrThrow(federationId);
      if (!(await reads(actor, federationId))) throw forbidden('你不属于该校联体');
      const [list, { schools, teachers }] = await Promise.all([groups.listOfFederation(federationId), membership.teachersOf(federationId)]);
      const stored = await Promise.all(list.map((g) => groups.get(g.id)));
      const items = stored.flatMap((s) => {
        if (!s) return [];
        const leader = s.group.leaderId ? teachers.get(s.group.leaderId) : undefined;
        return [{ ...s.group, ...(leader ? { leaderName: leader.profile.name } : {}), memberCount: groupMembers(s, teachers, schools).members.length }];
      });
      return { items: items.sort((a, b) => a.grade.localeCompare(b.grade, 'zh-CN') || a.subject.localeCompare(b.subject, 'zh-CN')) };
    },

    get: detail,

    async update(actor: AuthContext, groupId: string, change: UpdateGroupRequest): Promise<GroupDetail> {
      const stored = await loadVisible(actor, groupId);
      const { group } = stored;
      if (!(await manages(actor, group.federationId))) throw forbidden('只有本校联体的管理员可以修改中心教研组');
      const add = [...new Set(change.addMembers ?? [])];
      const remove = [...new Set(change.removeMembers ?? [])];
      const both = add.filter((id) => remove.includes(id));
      if (both.length) throw badRequest('VALIDATION_FAILED', '同一位教师不能同时添加和移出', { fieldErrors: { removeMembers: [`同时添加和移出：${both.join('、')}`] } });
      const leaderId = change.leaderId === undefined ? group.leaderId : (change.leaderId ?? undefined);
      if (leaderId && remove.includes(leaderId)) {
        throw badRequest('VALIDATION_FAILED', '组长不能移出教研组，请先更换组长', { fieldErrors: { removeMembers: ['组长不能移出'] } });
      }
      if (add.length || change.leaderId) {
        const { teachers } = await membership.teachersOf(group.federationId);
        if (change.leaderId) assertEligible([change.leaderId], teachers, 'leaderId', '组长');
        assertEligible(add, teachers, 'addMembers', '添加的成员');
      }
      const now = clock.now().toISOString();
      if (change.leaderId !== undefined || change.name !== undefined) {
        const outcome = await groups.updateMeta(groupId, { ...(change.name !== undefined ? { name: change.name } : {}), ...(change.leaderId !== undefined ? { leaderId: change.leaderId } : {}), updatedAt: now });
        if (outcome === 'missing') throw notFound('教研组不存在');
      }
      if (add.length || remove.length) await groups.setOverrides(groupId, add, remove, now);
      return detail(actor, groupId);
    },
  };
}
export type GroupService = ReturnType<typeof makeGroupService>;
