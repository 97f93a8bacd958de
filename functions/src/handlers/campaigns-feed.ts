import { FeedQuery, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/campaigns';
import { ATTENDEES, MANAGERS } from '#lib/access';
import { requestOrigin } from '#lib/http';

export const handler = route({ name: 'getCampaignFeed', access: [...ATTENDEES, ...MANAGERS], params: IdParams, query: FeedQuery }, ({ auth, params, query, event }) =>
  services.campaigns.feed(auth, params.id, query, requestOrigin(event)),
);
