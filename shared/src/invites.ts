import * as z from 'zod/mini';
import { Cursor, IsoDateTime, Id, PersonName } from './common.ts';
import { integer, line, shaped } from './fields.ts';
import { Role, Scope } from './roles.ts';

export const InviteCode = shaped(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母或数字', 64, { prepare: [z.trim(), z.toUpperCase()] });

export const CreateInviteRequest = z.strictObject({
  role: Role,
  scope: Scope,
  maxUses: z._default(integer('可使用次数', 1, 1000), 1),
  expiresInDays: z._default(integer('有效天数', 1, 90), 7),
  note: z.optional(line('备注', 100)),
  /** A parent invite for one class (班主任's): the class parents bind to is then fixed. */
  className: z.optional(line('班级', 20, 1)),
});
export type CreateInviteRequest = z.infer<typeof CreateInviteRequest>;

export const Invite = z.object({
  code: z.string(),
  role: Role,
  scope: Scope,
  maxUses: z.int(),
  uses: z.int(),
  expiresAt: IsoDateTime,
  createdBy: z.string(),
  createdAt: IsoDateTime,
  note: z.optional(z.string()),
  className: z.optional(z.string()),
});
export type Invite = z.infer<typeof Invite>;

export const RedeemInviteRequest = z.strictObject({ code: InviteCode, name: PersonName });
export type RedeemInviteRequest = z.infer<typeof RedeemInviteRequest>;

export const ListInvitesQuery = z.strictObject({
  schoolId: z.optional(Id),
  federationId: z.optional(Id),
  cursor: z.optional(Cursor),
});
export type ListInvitesQuery = z.infer<typeof ListInvitesQuery>;
