import { AcknowledgeObservationRequest, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/observations';

export const handler = route(
  { name: 'acknowledgeObservation', access: ['teacher'], params: IdParams, body: AcknowledgeObservationRequest },
  ({ auth, params, body }) => services.observations.acknowledge(auth, params.id, body),
);
