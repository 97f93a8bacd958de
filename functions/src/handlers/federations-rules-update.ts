import { IdParams, UpdateRulesRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/federations';

export const handler = route(
  { name: 'updateFederationRules', access: ['federationAdmin', 'districtAdmin'], params: IdParams, body: UpdateRulesRequest },
  ({ auth, params, body }) => services.federations.updateRules(auth, params.id, body),
);
