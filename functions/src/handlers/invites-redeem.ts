import { RedeemInviteRequest } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'redeemInvite', access: 'authenticated', body: RedeemInviteRequest }, ({ auth, body }) =>
  services.invites.redeem(auth, body),
);
