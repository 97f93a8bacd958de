import { IdParams, LandingQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/sessions';

export const handler = route(
  { name: 'getSessionLanding', access: 'public', params: IdParams, query: LandingQuery },
  ({ params, query }) => services.signIn.landing(params.id, query.token, query.purpose),
);
