import { AccessTrailQuery } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';

/** GET /v1/access-trail?from=&to=&cursor=: who viewed or exported whose personal data, newest first. */
export const handler = route({ name: 'listAccessTrail', access: ['districtAdmin', 'federationAdmin'], query: AccessTrailQuery }, ({ auth, query }) =>
  accessTrail.list(auth, query),
);
