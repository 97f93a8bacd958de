import { Evaluation, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/evaluations';
import { created } from '#lib/http';

// A first 评课 by the session's scale is a new observation: the teaching teacher is told, as of a walk-in.
export const handler = route(
  { name: 'createEvaluation', access: ['teacher'], params: IdParams, body: Evaluation },
  async ({ auth, params, body, log }) => {
    const { evaluation, newObservation } = await services.evaluations.submit(auth, params.id, body);
    if (newObservation) await services.notices.submitted(newObservation, log);
    return created(evaluation);
  },
);
