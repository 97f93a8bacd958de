import { IdParams, UpdateScaleRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/observations';

export const handler = route(
  { name: 'updateObservationScale', access: ['federationAdmin', 'districtAdmin'], params: IdParams, body: UpdateScaleRequest },
  ({ auth, params, body }) => services.observations.updateScale(auth, params.id, body),
);
