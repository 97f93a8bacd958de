import { CreateExchangeRequest, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/exchanges';
import { created } from '#lib/http';

export const handler = route(
  { name: 'createExchange', access: ['federationAdmin', 'organizer', 'districtAdmin'], params: IdParams, body: CreateExchangeRequest },
  async ({ auth, params, body }) => created(await services.exchanges.create(auth, params.id, body)),
);
