import { IdParams, LeaveRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/people';

export const handler = route(
  { name: 'leaveSchool', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, body: LeaveRequest },
  ({ auth, params, body }) => services.people.leave(auth, params.id, body.schoolId),
);
