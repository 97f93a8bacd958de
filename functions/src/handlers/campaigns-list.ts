import { route } from '#app';
import { services } from '#app/campaigns';

/** 我的打卡 and, for organizers and admins, the campaigns they manage. */
export const handler = route({ name: 'listCampaigns', access: 'authenticated' }, ({ auth }) => services.campaigns.list(auth));
