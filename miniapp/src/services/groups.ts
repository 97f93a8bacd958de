import { GroupDetail, GroupList, PeoplePage, type CreateGroupRequest, type UpdateGroupRequest } from '@lianyan/shared';
import { request } from './request';

// 中心教研组: a federation's research groups, their members and sessions.

export function listGroups(federationId: string): Promise<GroupList> {
  return request(`/v1/federations/${encodeURIComponent(federationId)}/groups`, GroupList, { silent: true });
}

export function getGroup(groupId: string): Promise<GroupDetail> {
  return request(`/v1/groups/${encodeURIComponent(groupId)}`, GroupDetail, { silent: true });
}

export function createGroup(federationId: string, body: CreateGroupRequest): Promise<GroupDetail> {
  return request(`/v1/federations/${encodeURIComponent(federationId)}/groups`, GroupDetail, { method: 'POST', data: body, silent: true });
}

/** Sent as POST (the API's alias for PATCH), which every mini-program platform supports. */
export function updateGroup(groupId: string, body: UpdateGroupRequest): Promise<GroupDetail> {
  return request(`/v1/groups/${encodeURIComponent(groupId)}`, GroupDetail, { method: 'POST', data: body, silent: true });
}

/** Teachers of one school by name or phone digits, to add to a group (the school's people list; admins only). */
export function searchTeachers(schoolId: string, q: string): Promise<PeoplePage> {
  const query = q.trim() ? `?q=${encodeURIComponent(q.trim())}&limit=20` : '?limit=20';
  return request(`/v1/schools/${encodeURIComponent(schoolId)}/people${query}`, PeoplePage, { silent: true });
}
