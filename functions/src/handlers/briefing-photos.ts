import { BriefingPhotosRequest, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/records';
import { MANAGERS } from '#lib/access';

/** The photos the briefing shows, in order (an empty list: the first photos uploaded). */
export const handler = route(
  { name: 'setBriefingPhotos', access: MANAGERS, params: IdParams, body: BriefingPhotosRequest },
  ({ auth, params, body }) => services.records.setBriefingPhotos(auth, params.id, body),
);
