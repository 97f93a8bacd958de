import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/family';
import { Reply } from '#lib/http';

// 201 with a seat; a repeat 200; a full session 409 SESSION_FULL (with `waitlistPosition` when placed on the waitlist).
export const handler = route({ name: 'createRegistration', access: ['parent'], params: IdParams }, async ({ auth, params }) => {
  const { created, view } = await services.registrations.register(auth, params.id);
  return new Reply(created ? 201 : 200, view);
});
