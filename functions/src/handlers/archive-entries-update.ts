import { IdParams, UpdateArchiveEntryRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { requestOrigin } from '#lib/http';

export const handler = route(
  { name: 'updateArchiveEntry', access: ['teacher'], params: IdParams, body: UpdateArchiveEntryRequest },
  ({ auth, params, body, event }) => services.archive.update(auth, params.id, body, requestOrigin(event)),
);
