import * as z from 'zod/mini';
import { IsoDateTime, PersonName } from './common.ts';
import { Role, Scope } from './roles.ts';

export const InviteCode = z.string().check(
  z.trim(),
  z.toUpperCase(),
  z.regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母或数字'),
);

export const CreateInviteRequest = z.strictObject({
  role: Role,
  scope: Scope,
  maxUses: z._default(z.int().check(z.minimum(1, '至少可使用 1 次'), z.maximum(1000, '最多可使用 1000 次')), 1),
  expiresInDays: z._default(z.int().check(z.minimum(1, '有效期至少 1 天'), z.maximum(90, '有效期最长 90 天')), 7),
  note: z.optional(z.string().check(z.maxLength(100, '备注最多 100 字'))),
  /** A parent invite for one class (班主任's): the class parents bind to is then fixed. */
  className: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(20, '班级最多 20 个字'))),
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
  schoolId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '学校编号格式不正确'))),
  federationId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, '校联体编号格式不正确'))),
  cursor: z.optional(z.string().check(z.maxLength(2048))),
});
export type ListInvitesQuery = z.infer<typeof ListInvitesQuery>;
