import { IdParams, ReviewsQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/archive';
import { ADMINS } from '#lib/access';
import { requestOrigin } from '#lib/http';

export const handler = route(
  { name: 'listArchiveReviews', access: ADMINS, params: IdParams, query: ReviewsQuery },
  ({ auth, params, query, event }) => services.archive.reviews(auth, params.id, query.cursor, requestOrigin(event)),
);
