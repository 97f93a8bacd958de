import * as z from 'zod/mini';
import { Id, IsoDateTime, PersonName } from './common.ts';
import { code, shaped } from './fields.ts';
import { Child } from './family.ts';
import { RoleGrant } from './roles.ts';

export const POSITIONS = ['principal', 'vice_principal', 'dean', 'teacher'] as const;
export const Position = z.enum(POSITIONS);
export type Position = z.infer<typeof Position>;
export const POSITION_LABELS: Record<Position, string> = {
  principal: '校长',
  vice_principal: '副校长',
  dean: '教导主任',
  teacher: '教师',
};

export const User = z.object({
  id: Id,
  name: z.string(),
  subject: z.optional(z.string()),
  position: z.optional(Position),
  roles: z.array(RoleGrant),
  createdAt: IsoDateTime,
  /** A parent's own children (家长绑定). */
  children: z.optional(z.array(Child)),
});
export type User = z.infer<typeof User>;

export const AuthResult = z.object({
  token: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number(),
  user: User,
  isNew: z.optional(z.boolean()),
});
export type AuthResult = z.infer<typeof AuthResult>;

export const WechatLoginRequest = z.strictObject({
  code: code('微信登录凭证', 256),
});
export type WechatLoginRequest = z.infer<typeof WechatLoginRequest>;

export const DingtalkLoginRequest = z.strictObject({
  authCode: code('钉钉登录凭证', 256),
});
export type DingtalkLoginRequest = z.infer<typeof DingtalkLoginRequest>;

export const RefreshRequest = z.strictObject({
  refreshToken: code('刷新凭证', 4096),
});
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const DevLoginRequest = z.strictObject({
  account: shaped(/^[A-Za-z0-9_-]+$/, '请选择演示账号', 64),
});
export type DevLoginRequest = z.infer<typeof DevLoginRequest>;

export const DevAccount = z.object({
  account: z.string(),
  userId: Id,
  name: z.string(),
  roles: z.array(RoleGrant),
});
export type DevAccount = z.infer<typeof DevAccount>;
export const DevAccountList = z.array(DevAccount);

export const UpdateMeRequest = z.strictObject({ name: PersonName });
export type UpdateMeRequest = z.infer<typeof UpdateMeRequest>;
