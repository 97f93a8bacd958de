import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/evaluations';

export const handler = route({ name: 'listEvaluations', access: 'authenticated', params: IdParams }, ({ auth, params }) =>
  services.evaluations.list(auth, params.id),
);
