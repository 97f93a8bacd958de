import { IdParams } from '@lianyan/shared';
import { route, services } from '#app';

export const handler = route({ name: 'listEvaluations', access: 'authenticated', params: IdParams }, ({ auth, params }) =>
  services.evaluations.list(auth, params.id),
);
