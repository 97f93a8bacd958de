import {
  CreateGroupRequest,
  defaultGroupName,
  type FederationWithSchools,
  type GroupDetail,
  type GroupMember,
  type Person,
  type SessionStatus,
  type UpdateGroupRequest,
  type User,
} from '@lianyan/shared';

// 中心教研组 pages: who may do what, the new-group form, the member list and the group's sessions. Pure.

/** Federation and district admins keep a federation's groups; everyone of the federation reads them. */
export function managesGroups(user: Pick<User, 'roles'>, federationId: string): boolean {
  return user.roles.some((g) => g.role === 'districtAdmin' || (g.role === 'federationAdmin' && 'federationId' in g.scope && g.scope.federationId === federationId));
}

/** The federations the page offers, the caller's first: those they administer, then the rest. */
export function federationChoices(user: Pick<User, 'roles'>, federations: readonly FederationWithSchools[]) {
  return [...federations]
    .sort((a, b) => Number(managesGroups(user, b.federation.id)) - Number(managesGroups(user, a.federation.id)) || a.federation.name.localeCompare(b.federation.name, 'zh-CN'))
    .map((f) => ({ value: f.federation.id, label: f.federation.name }));
}

export interface NewGroupForm {
  subject: string;
  grade: string;
  name: string;
}
export const emptyGroupForm = (): NewGroupForm => ({ subject: '', grade: '', name: '' });

/** The name shown before saving: the typed one, or 四年级语文中心教研组 from the subject and grade. */
export const groupNamePreview = (form: NewGroupForm) => form.name.trim() || (form.subject.trim() && form.grade.trim() ? defaultGroupName(form.subject.trim(), form.grade.trim()) : '');

/** The new group's request, checked with the API's own schema; one message per field. */
export function checkNewGroup(form: NewGroupForm): { ok: true; request: CreateGroupRequest } | { ok: false; errors: Partial<Record<keyof NewGroupForm, string>> } {
  const parsed = CreateGroupRequest.safeParse({ subject: form.subject, grade: form.grade, ...(form.name.trim() ? { name: form.name } : {}) });
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: Partial<Record<keyof NewGroupForm, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'subject') as keyof NewGroupForm;
    errors[field] ??= field === 'subject' && !form.subject.trim() ? '请填写学科，例如 语文' : field === 'grade' && !form.grade.trim() ? '请填写年级，例如 四年级' : issue.message;
  }
  return { ok: false, errors };
}

/** How a member came into the group, as a badge. */
export const MEMBER_VIA_LABELS: Record<GroupMember['via'], string> = { rule: '任教匹配', added: '手动添加', leader: '组长' };

/** Members by school, the leader first: 「明湖区实验小学 3 人」. */
export function membersBySchool(members: readonly GroupMember[]): Array<{ schoolId: string; schoolName: string; members: GroupMember[] }> {
  const groups = new Map<string, { schoolId: string; schoolName: string; members: GroupMember[] }>();
  for (const m of members) {
    const entry = groups.get(m.schoolId) ?? { schoolId: m.schoolId, schoolName: m.schoolName ?? '其他学校', members: [] };
    entry.members.push(m);
    groups.set(m.schoolId, entry);
  }
  const hasLeader = (g: { members: GroupMember[] }) => g.members.some((m) => m.leader);
  return [...groups.values()].sort((a, b) => Number(hasLeader(b)) - Number(hasLeader(a)) || a.schoolName.localeCompare(b.schoolName, 'zh-CN'));
}

/** The leader picker: every member (a leader must be one), labelled with their school. */
export function leaderOptions(members: readonly GroupMember[]): Array<{ value: string; label: string }> {
  return [...members]
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    .map((m) => ({ value: m.id, label: m.schoolName ? `${m.name}（${m.schoolName}）` : m.name }));
}

/** Search results to add: teachers not yet members, each once. */
export function candidates(found: readonly Person[], detail: Pick<GroupDetail, 'members'>): Person[] {
  const members = new Set(detail.members.map((m) => m.id));
  const seen = new Set<string>();
  return found.filter((p) => {
    if (members.has(p.id) || seen.has(p.id) || p.status === 'left') return false;
    seen.add(p.id);
    return true;
  });
}

export type GroupAction = { kind: 'leader'; personId: string } | { kind: 'add'; personId: string } | { kind: 'remove'; personId: string };

/** The change a tap sends; removing the leader is refused here as the API would. */
export function changeFor(action: GroupAction, detail: Pick<GroupDetail, 'group'>): { ok: true; change: UpdateGroupRequest } | { ok: false; error: string } {
  if (action.kind === 'leader') return { ok: true, change: { leaderId: action.personId } };
  if (action.kind === 'add') return { ok: true, change: { addMembers: [action.personId] } };
  if (detail.group.leaderId === action.personId) return { ok: false, error: '组长不能移出教研组，请先更换组长' };
  return { ok: true, change: { removeMembers: [action.personId] } };
}

const STATUS_LABELS: Record<SessionStatus, string> = { draft: '草稿', published: '已发布', cancelled: '已取消', closed: '已结束' };

/** The group's sessions this semester: upcoming first (soonest first), then past (latest first). */
export function sessionLines(sessions: GroupDetail['sessions'], now: Date) {
  const line = (s: GroupDetail['sessions'][number]) => ({
    id: s.id,
    title: s.title,
    startAt: s.startAt,
    status: STATUS_LABELS[s.status],
    expected: s.expectedCount === undefined ? '' : `应到 ${s.expectedCount} 人`,
  });
  const upcoming = sessions.filter((s) => Date.parse(s.startAt) >= now.getTime()).sort((a, b) => a.startAt.localeCompare(b.startAt));
  const past = sessions.filter((s) => Date.parse(s.startAt) < now.getTime()).sort((a, b) => b.startAt.localeCompare(a.startAt));
  return { upcoming: upcoming.map(line), past: past.map(line) };
}

/** A leader organises a session for their group: the session form with the group as its audience. */
export const leaderSessionUrl = (group: Pick<GroupDetail['group'], 'id' | 'federationId'>) =>
  `/packages/organizer/edit/index?groupId=${encodeURIComponent(group.id)}&federationId=${encodeURIComponent(group.federationId)}`;
