import type { User } from '@lianyan/shared';

export interface PhoneLogin {
  /** Logs in with the code a `getPhoneNumber` button gave: a teacher on a school's roster lands on their place. */
  signIn(phoneCode: string): Promise<User>;
}

/** 手机号快捷登录 is WeChat's: elsewhere the invite code (or DingTalk's own mobile) does it. */
export const phoneLogin: PhoneLogin | null = null;
