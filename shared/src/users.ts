import { CurrentExchange } from './exchanges.ts';
import * as z from 'zod/mini';
import { Id, IsoDateTime, PersonName } from './common.ts';
import { code, shaped } from './fields.ts';
import { Child } from './family.ts';
import { RoleGrant } from './roles.ts';
import { Consent, DeletionState } from './privacy.ts';

export const POSITIONS = ['principal', 'vice_principal', 'dean', 'group_leader', 'teacher'] as const;
export const Position = z.enum(POSITIONS);
export type Position = z.infer<typeof Position>;
export const POSITION_LABELS: Record<Position, string> = {
  principal: '校长',
  vice_principal: '副校长',
  dean: '教导主任',
  group_leader: '教研组长',
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
  /** The last version of 隐私政策 + 用户协议 this person agreed to, and when. */
  consent: z.optional(Consent),
  /** 交流轮岗: the exchange running today, when there is one (the host school is a teacher role in the token meanwhile). */
  exchange: z.optional(CurrentExchange),
  /** A requested account deletion (注销) in its cooling-off period; any login cancels it. */
  deletion: z.optional(DeletionState),
});
export type User = z.infer<typeof User>;

export const AuthResult = z.object({
  token: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number(),
  user: User,
  isNew: z.optional(z.boolean()),
  /** This login cancelled a pending account deletion (注销). */
  deletionCancelled: z.optional(z.boolean()),
});
export type AuthResult = z.infer<typeof AuthResult>;

export const WechatLoginRequest = z.strictObject({
  code: code('微信登录凭证', 256),
  /** From a `getPhoneNumber` button (手机号快捷登录): the login lands on the roster's teacher with that phone. */
  phoneCode: z.optional(code('手机号授权凭证', 256)),
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
  /** A new local account under this name (an empty store, SEED=none): 3–32 letters, digits, - or _. */
  create: z.optional(z.boolean()),
});

export const NewDevAccountName = shaped(/^[A-Za-z0-9_-]{3,32}$/, '账号名为 3–32 位字母、数字、- 或 _', 32, { prepare: [z.trim()] });
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
