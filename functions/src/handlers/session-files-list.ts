import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/records';
import { requestOrigin } from '#lib/http';

export const handler = route({ name: 'listSessionFiles', access: 'authenticated', params: IdParams }, ({ auth, params, event }) =>
  services.records.listFiles(auth, params.id, requestOrigin(event)),
);
