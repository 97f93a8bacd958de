import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/bundle';
import { MANAGERS } from '#lib/access';
import { requestOrigin } from '#lib/http';

/** Packs the session's record as a ZIP and answers a short-lived link to it (too large for a Lambda response). */
export const handler = route({ name: 'getRecordBundle', access: MANAGERS, params: IdParams }, ({ auth, params, event }) =>
  services.bundle.build(auth, params.id, requestOrigin(event)),
);
