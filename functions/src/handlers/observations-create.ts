import { CreateObservationRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/observations';
import { created } from '#lib/http';

// Any teacher, leader or admin of the federation (the service checks the school's federation); a repeat is a 200.
// A new observation notifies the observed teacher (once: a repeat is not new).
export const handler = route(
  { name: 'createObservation', access: ['teacher', 'schoolAdmin', 'organizer', 'federationAdmin', 'districtAdmin'], body: CreateObservationRequest },
  async ({ auth, body, log }) => {
    const outcome = await services.observations.create(auth, body);
    if (outcome.created) await services.notices.submitted(outcome.observation, log);
    return outcome.created ? created(outcome.observation) : outcome.observation;
  },
);
