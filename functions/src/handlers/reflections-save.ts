import { IdParams, SaveReflectionRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/records';
import { ATTENDEES } from '#lib/access';

/** A draft (`submit: false`) or a submission; a submission after the deadline is marked late. */
export const handler = route(
  { name: 'saveMyReflection', access: ATTENDEES, params: IdParams, body: SaveReflectionRequest },
  ({ auth, params, body }) => services.records.save(auth, params.id, body),
);
