import { AuthResult, Invite, Page, type CreateInviteRequest, type RedeemInviteRequest, type Scope, type User } from '@lianyan/shared';
import { request } from './request';
import { saveAuthResult } from './session';

const InvitePage = Page(Invite);

/** Redeems an invite code; the answer carries fresh tokens that include the new role. */
export async function redeemInvite(body: RedeemInviteRequest): Promise<User> {
  const result = await request('/v1/invites/redeem', AuthResult, { method: 'POST', data: body, silent: true });
  saveAuthResult(result);
  return result.user;
}

export function createInvite(body: CreateInviteRequest): Promise<Invite> {
  return request('/v1/invites', Invite, { method: 'POST', data: body, silent: true });
}

/** Invites granted on one scope (the first page). */
export function listInvites(scope: Scope): Promise<Invite[]> {
  const query =
    'schoolId' in scope
      ? `?schoolId=${encodeURIComponent(scope.schoolId)}`
      : 'federationId' in scope
        ? `?federationId=${encodeURIComponent(scope.federationId)}`
        : '';
  return request(`/v1/invites${query}`, InvitePage, { silent: true }).then((page) => page.items);
}
