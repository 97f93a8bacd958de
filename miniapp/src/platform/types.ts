import type { User } from '@lianyan/shared';

/** Silent sign-in with the host app's one-time code; each platform file exports one (or null). */
export interface PlatformLogin {
  /** Text of the button that retries the sign-in. */
  label: string;
  signIn(): Promise<User>;
}
