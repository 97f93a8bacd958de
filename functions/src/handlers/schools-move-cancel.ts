import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/organization';

/**
 * DELETE /v1/schools/{id}/pending-move (and POST …/pending-move/cancel, for mini-program platforms without DELETE): a
 * district admin cancels the school's move from the next school year.
 */
export const handler = route({ name: 'cancelSchoolMove', access: ['districtAdmin'], params: IdParams }, ({ auth, params }) =>
  services.organization.cancelPendingMove(auth, params.id),
);
