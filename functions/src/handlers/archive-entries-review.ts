import { IdParams, ReviewRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { ADMINS } from '#lib/access';
import { requestOrigin } from '#lib/http';

export const handler = route(
  { name: 'reviewArchiveEntry', access: ADMINS, params: IdParams, body: ReviewRequest },
  ({ auth, params, body, event }) => services.archive.review(auth, params.id, body, requestOrigin(event)),
);
