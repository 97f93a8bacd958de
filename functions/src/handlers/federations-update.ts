import { IdParams, UpdateFederationRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/organization';

export const handler = route(
  { name: 'updateFederation', access: ['federationAdmin', 'districtAdmin'], params: IdParams, body: UpdateFederationRequest },
  ({ auth, params, body }) => services.organization.updateFederation(auth, params.id, body),
);
