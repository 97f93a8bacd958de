import { CreateFederationRequest } from '@lianyan/shared';
import { created } from '#lib/http';
import { route } from '#app';
import { services } from '#app/organization';

export const handler = route(
  { name: 'createFederation', access: ['districtAdmin'], body: CreateFederationRequest },
  async ({ auth, body }) => created(await services.organization.createFederation(auth, body)),
);
