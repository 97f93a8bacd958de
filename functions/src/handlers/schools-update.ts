import { IdParams, UpdateSchoolRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/organization';

export const handler = route(
  { name: 'updateSchool', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, body: UpdateSchoolRequest },
  ({ auth, params, body }) => services.organization.updateSchool(auth, params.id, body),
);
