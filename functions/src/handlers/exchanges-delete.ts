import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/exchanges';
import { Reply } from '#lib/http';

export const handler = route({ name: 'deleteExchange', access: ['federationAdmin', 'organizer', 'districtAdmin'], params: IdParams }, async ({ auth, params }) => {
  await services.exchanges.remove(auth, params.id);
  return new Reply(204, undefined);
});
