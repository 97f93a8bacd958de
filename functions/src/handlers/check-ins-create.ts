import { CheckInRequest, IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/campaigns';
import { ATTENDEES } from '#lib/access';
import { Reply, requestOrigin } from '#lib/http';

/** 201 with the check-in and the new progress; a retry with the same requestId answers 200; another request for the period 409 ALREADY_CHECKED_IN. */
export const handler = route({ name: 'createCheckIn', access: ATTENDEES, params: IdParams, body: CheckInRequest }, async ({ auth, params, body, event }) => {
  const { created, ...result } = await services.campaigns.checkIn(auth, params.id, body, requestOrigin(event));
  return new Reply(created ? 201 : 200, result);
});
