import { RedeemInviteRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/invites';

export const handler = route({ name: 'redeemInvite', access: 'authenticated', body: RedeemInviteRequest }, ({ auth, body }) =>
  services.invites.redeem(auth, body),
);
