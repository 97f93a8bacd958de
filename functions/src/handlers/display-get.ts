import { DisplayQuery, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/sessions';
import { requestOrigin } from '#lib/http';

export const handler = route(
  { name: 'getDisplay', access: 'public', params: IdParams, query: DisplayQuery },
  ({ params, query, event }) => services.roster.display(params.id, query.key, query.purpose, requestOrigin(event)),
);
