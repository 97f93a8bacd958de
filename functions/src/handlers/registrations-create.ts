import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/family';
import { Reply } from '#lib/http';

// 201 with a seat or a place on the waitlist (`waitlistPosition`); a repeat 200; 409 SESSION_FULL when full without a waitlist.
export const handler = route({ name: 'createRegistration', access: ['parent'], params: IdParams }, async ({ auth, params }) => {
  const { created, view } = await services.registrations.register(auth, params.id);
  return new Reply(created ? 201 : 200, view);
});
