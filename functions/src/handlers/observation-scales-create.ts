import { CreateScaleRequest, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/observations';
import { created } from '#lib/http';

export const handler = route(
  { name: 'createObservationScale', access: ['federationAdmin', 'districtAdmin'], params: IdParams, body: CreateScaleRequest },
  async ({ auth, params, body }) => created(await services.observations.createScale(auth, params.id, body)),
);
