import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/bundle';
import { MANAGERS } from '#lib/access';
import { requestOrigin } from '#lib/http';

/** Packs the session's record as a ZIP and answers a short-lived link to it (too large for a Lambda response). */
export const handler = route({ name: 'getRecordBundle', access: MANAGERS, params: IdParams }, async ({ auth, params, event }) => {
  const bundle = await services.bundle.build(auth, params.id, requestOrigin(event));
  // The bundle carries the sign-in sheet (names, schools, times).
  await accessTrail.record(auth, 'attendance_export', { sessionId: params.id }, 'zip');
  return bundle;
});
