import { Evaluation, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/evaluations';
import { created } from '#lib/http';

export const handler = route(
  { name: 'createEvaluation', access: ['teacher'], params: IdParams, body: Evaluation },
  async ({ auth, params, body }) => created(await services.evaluations.submit(auth, params.id, body)),
);
