import { describe, expect, it } from 'vitest';
import type { FederationWithSchools, GroupDetail, GroupMember, Person, User } from '@lianyan/shared';
import { DEFAULT_RULES } from '@lianyan/shared';
import { candidates, changeFor, checkNewGroup, federationChoices, groupNamePreview, leaderOptions, leaderSessionUrl, managesGroups, membersBySchool, sessionLines } from './model';

const user = (roles: User['roles']): Pick<User, 'roles'> => ({ roles });
const member = (id: string, name: string, schoolId: string, extra: Partial<GroupMember> = {}): GroupMember => ({
  id,
  name,
  schoolId,
  schoolName: schoolId === 'a' ? '甲小学' : '乙小学',
  subjects: ['语文'],
  grades: ['四年级'],
  via: 'rule',
  leader: false,
  ...extra,
});
const fed = (id: string, name: string): FederationWithSchools => ({ federation: { id, name, kind: 'alliance', district: '明湖区' }, schools: [], rules: DEFAULT_RULES });
const detail = (leaderId?: string): Pick<GroupDetail, 'group' | 'members'> => ({
  group: { id: 'g', federationId: 'f', subject: '语文', grade: '四年级', name: '四年级语文中心教研组', createdAt: '2026-09-01T00:00:00.000Z', ...(leaderId ? { leaderId } : {}) },
  members: [member('u1', '王老师', 'a', { leader: true, via: 'leader' }), member('u2', '李老师', 'b')],
});

describe('who keeps groups', () => {
  it('lets federation admins of that federation and district admins manage; others only read', () => {
    expect(managesGroups(user([{ role: 'districtAdmin', scope: {} }]), 'f')).toBe(true);
    expect(managesGroups(user([{ role: 'federationAdmin', scope: { federationId: 'f' } }]), 'f')).toBe(true);
    expect(managesGroups(user([{ role: 'federationAdmin', scope: { federationId: 'x' } }]), 'f')).toBe(false);
    expect(managesGroups(user([{ role: 'teacher', scope: { schoolId: 's' } }]), 'f')).toBe(false);
  });

  it('offers the federations the caller administers first', () => {
    const choices = federationChoices(user([{ role: 'federationAdmin', scope: { federationId: 'f2' } }]), [fed('f1', '城东'), fed('f2', '城西')]);
    expect(choices.map((c) => c.value)).toEqual(['f2', 'f1']);
  });
});

describe('a new group', () => {
  it('previews the default name and sends only what was typed', () => {
    expect(groupNamePreview({ subject: ' 语文 ', grade: '四年级', name: '' })).toBe('四年级语文中心教研组');
    expect(groupNamePreview({ subject: '语文', grade: '', name: '' })).toBe('');
    expect(checkNewGroup({ subject: '语文', grade: '四年级', name: '' })).toEqual({ ok: true, request: { subject: '语文', grade: '四年级' } });
    expect(checkNewGroup({ subject: '数学', grade: '初一', name: '初一数学组' })).toEqual({ ok: true, request: { subject: '数学', grade: '初一', name: '初一数学组' } });
  });

  it('says which field is missing or too long, in Chinese', () => {
    expect(checkNewGroup({ subject: '', grade: '', name: '' })).toEqual({ ok: false, errors: { subject: '请填写学科，例如 语文', grade: '请填写年级，例如 四年级' } });
    const long = checkNewGroup({ subject: '语文', grade: '四年级'.repeat(4), name: '' });
    expect(long).toMatchObject({ ok: false, errors: { grade: expect.stringMatching(/年级最多 10 个字/) } });
  });
});

describe('members', () => {
  it('groups members by school, the leader’s school first, and offers every member as leader', () => {
    const list = [member('u2', '李老师', 'b'), member('u3', '赵老师', 'a'), member('u1', '王老师', 'b', { leader: true })];
    expect(membersBySchool(list).map((g) => [g.schoolName, g.members.map((m) => m.id)])).toEqual([
      ['乙小学', ['u2', 'u1']],
      ['甲小学', ['u3']],
    ]);
    expect(leaderOptions(list).map((o) => o.label)).toEqual(['李老师（乙小学）', '王老师（乙小学）', '赵老师（甲小学）'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });

  it('offers to add only teachers who are not members yet, once, and not those who left', () => {
    const person = (id: string, status: Person['status'] = 'active'): Person => ({ id, name: id, subjects: [], grades: [], titles: [], status, schoolIds: ['a'], admin: false });
    expect(candidates([person('u1'), person('u9'), person('u9'), person('u8', 'left'), person('u7', 'invited')], detail('u1')).map((p) => p.id)).toEqual(['u9', 'u7']);
  });

  it('sends the leader to the session form with the group as its audience', () => {
    expect(leaderSessionUrl({ id: 'g 1', federationId: 'f' })).toBe('/packages/organizer/edit/index?groupId=g%201&federationId=f');
  });

  it('builds the change of a tap, and refuses removing the leader', () => {
    expect(changeFor({ kind: 'add', personId: 'u9' }, detail('u1'))).toEqual({ ok: true, change: { addMembers: ['u9'] } });
    expect(changeFor({ kind: 'remove', personId: 'u2' }, detail('u1'))).toEqual({ ok: true, change: { removeMembers: ['u2'] } });
    expect(changeFor({ kind: 'leader', personId: 'u2' }, detail('u1'))).toEqual({ ok: true, change: { leaderId: 'u2' } });
    expect(changeFor({ kind: 'remove', personId: 'u1' }, detail('u1'))).toEqual({ ok: false, error: expect.stringMatching(/请先更换组长/) });
  });
});

describe('the group’s sessions this semester', () => {
  it('lists upcoming soonest first and past latest first, with status and expected count', () => {
    const now = new Date('2026-10-10T00:00:00Z');
    const lines = sessionLines(
      [
        { id: 'p1', title: '九月备课', startAt: '2026-09-10T01:00:00.000Z', status: 'closed', expectedCount: 8 },
        { id: 'u2', title: '十一月研讨', startAt: '2026-11-10T01:00:00.000Z', status: 'published' },
        { id: 'u1', title: '十月听课', startAt: '2026-10-20T01:00:00.000Z', status: 'draft' },
        { id: 'p2', title: '十月初', startAt: '2026-10-01T01:00:00.000Z', status: 'cancelled' },
      ],
      now,
    );
    expect(lines.upcoming.map((l) => [l.id, l.status])).toEqual([
      ['u1', '草稿'],
      ['u2', '已发布'],
    ]);
    expect(lines.past.map((l) => [l.id, l.status, l.expected])).toEqual([
      ['p2', '已取消', ''],
      ['p1', '已结束', '应到 8 人'],
    ]);
  });
});
