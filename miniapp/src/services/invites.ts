import { AuthResult, type RedeemInviteRequest, type User } from '@lianyan/shared';
import { request } from './request';
import { saveAuthResult } from './session';

/** Redeems an invite code; the answer carries fresh tokens that include the new role. */
export async function redeemInvite(body: RedeemInviteRequest): Promise<User> {
  const result = await request('/v1/invites/redeem', AuthResult, { method: 'POST', data: body, silent: true });
  saveAuthResult(result);
  return result.user;
}
