import { AttendanceParams, MarkAttendanceRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/sessions';
import { MANAGERS } from '#lib/access';

export const handler = route(
  { name: 'markAttendance', access: MANAGERS, params: AttendanceParams, body: MarkAttendanceRequest },
  ({ auth, params, body }) => services.roster.mark(auth, params.id, params.userId, body),
);
