import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { Reply } from '#lib/http';

export const handler = route({ name: 'deleteArchiveEntry', access: ['teacher'], params: IdParams }, async ({ auth, params }) => {
  await services.archive.remove(auth, params.id);
  return new Reply(204, undefined);
});
