import { IdParams, UpdateExchangeRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/exchanges';

export const handler = route(
  { name: 'updateExchange', access: ['federationAdmin', 'organizer', 'districtAdmin'], params: IdParams, body: UpdateExchangeRequest },
  ({ auth, params, body }) => services.exchanges.update(auth, params.id, body),
);
