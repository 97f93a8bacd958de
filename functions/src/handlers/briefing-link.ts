import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/briefing';
import { MANAGERS } from '#lib/access';
import { requestOrigin } from '#lib/http';

export const handler = route({ name: 'getBriefingLink', access: MANAGERS, params: IdParams }, ({ auth, params, event }) =>
  services.briefing.link(auth, params.id, requestOrigin(event)),
);
