import type { PlatformLogin } from './types';

/** No host app to sign in with: users come in through the development login. */
export const platformLogin: PlatformLogin | null = null;
