import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/campaigns';
import { ATTENDEES } from '#lib/access';
import { requestOrigin } from '#lib/http';

export const handler = route({ name: 'getCampaignProgress', access: ATTENDEES, params: IdParams }, ({ auth, params, event }) =>
  services.campaigns.progress(auth, params.id, requestOrigin(event)),
);
