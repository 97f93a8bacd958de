import type { PlatformLogin } from './types';

/** A browser has no WeChat or DingTalk code: the H5 build signs in through the development login. */
export const platformLogin: PlatformLogin | null = null;
