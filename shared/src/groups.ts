import * as z from 'zod/mini';
import { Id, IsoDateTime } from './common.ts';
import { line } from './fields.ts';
import { SessionStatus } from './sessions.ts';

// 中心教研组: a federation's research group of one subject in one grade (四年级语文, 初一数学), with a leader.
// Members: the federation's teachers teaching that subject in that grade, plus members added by hand, minus those removed.

const Word = (what: string) => line(what, 10, 1);
const MemberIds = (what: string) => z.array(Id).check(z.maxLength(200, `${what}一次最多 200 人`));

/** The name a group gets unless one is given: 四年级语文中心教研组. */
export const defaultGroupName = (subject: string, grade: string) => `${grade}${subject}中心教研组`;

export const CreateGroupRequest = z.strictObject({
  subject: Word('学科'),
  grade: Word('年级'),
  name: z.optional(line('教研组名称', 40, 2)),
  leaderId: z.optional(Id),
});
export type CreateGroupRequest = z.infer<typeof CreateGroupRequest>;

export const UpdateGroupRequest = z.strictObject({
  /** null: the group has no leader any more. */
  leaderId: z.optional(z.nullable(Id)),
  name: z.optional(line('教研组名称', 40, 2)),
  addMembers: z.optional(MemberIds('添加成员')),
  removeMembers: z.optional(MemberIds('移出成员')),
});
export type UpdateGroupRequest = z.infer<typeof UpdateGroupRequest>;

export const Group = z.object({
  id: Id,
  federationId: Id,
  subject: z.string(),
  grade: z.string(),
  name: z.string(),
  leaderId: z.optional(Id),
  leaderName: z.optional(z.string()),
  createdAt: IsoDateTime,
  updatedAt: z.optional(IsoDateTime),
});
export type Group = z.infer<typeof Group>;

/** `rule`: teaches the subject in the grade; `added`: added by hand; the leader is always a member. */
export const GroupMember = z.object({
  id: Id,
  name: z.string(),
  schoolId: Id,
  schoolName: z.optional(z.string()),
  subjects: z.array(z.string()),
  grades: z.array(z.string()),
  via: z.enum(['rule', 'added', 'leader']),
  leader: z.boolean(),
});
export type GroupMember = z.infer<typeof GroupMember>;

const GroupSessionLine = z.object({ id: Id, title: z.string(), startAt: IsoDateTime, status: SessionStatus, expectedCount: z.optional(z.int()) });
type GroupSessionLine = z.infer<typeof GroupSessionLine>;

export const GroupDetail = z.object({
  group: Group,
  members: z.array(GroupMember),
  /** Teachers the rule would include but who were removed by hand (to add back). */
  removed: z.array(z.object({ id: Id, name: z.string(), schoolId: Id })),
  /** The group's sessions this semester (audience: this group), earliest first. */
  sessions: z.array(GroupSessionLine),
  /** Whether the caller may change the group (its federation's admins, district admins). */
  canManage: z.boolean(),
});
export type GroupDetail = z.infer<typeof GroupDetail>;

export const GroupList = z.object({ items: z.array(z.object({ ...Group.shape, memberCount: z.int() })) });
export type GroupList = z.infer<typeof GroupList>;
