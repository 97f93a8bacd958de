import { CreateCampaignRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/campaigns';
import { MANAGERS } from '#lib/access';
import { created } from '#lib/http';

export const handler = route({ name: 'createCampaign', access: MANAGERS, body: CreateCampaignRequest }, async ({ auth, body }) =>
  created(await services.campaigns.create(auth, body)),
);
