import { User } from '@lianyan/shared';
import { request } from './request';
import { saveUser } from './session';

/** Reloads the signed-in user (roles may have changed) and keeps the cached copy in step. */
export async function refreshMe(): Promise<User> {
  const user = await request('/v1/me', User, { silent: true });
  saveUser(user);
  return user;
}
