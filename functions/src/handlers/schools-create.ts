import { CreateSchoolRequest, IdParams } from '@lianyan/shared';
import { created } from '#lib/http';
import { route } from '#app';
import { services } from '#app/organization';

export const handler = route(
  { name: 'createSchool', access: ['federationAdmin', 'districtAdmin'], params: IdParams, body: CreateSchoolRequest },
  async ({ auth, params, body }) => created(await services.organization.createSchool(auth, params.id, body)),
);
