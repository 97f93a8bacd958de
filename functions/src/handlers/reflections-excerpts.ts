import { IdParams, PublishExcerptsRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/records';
import { MANAGERS } from '#lib/access';

export const handler = route(
  { name: 'publishReflectionExcerpts', access: MANAGERS, params: IdParams, body: PublishExcerptsRequest },
  ({ auth, params, body }) => services.records.publishExcerpts(auth, params.id, body),
);
