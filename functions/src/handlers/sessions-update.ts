import { IdParams, UpdateSessionRequest } from '@lianyan/shared';
import { route } from '#app';
import { services as family } from '#app/family';
import { services } from '#app/session-service';
import { SESSION_ORGANISERS } from '#lib/access';

export const handler = route(
  { name: 'updateSession', access: SESSION_ORGANISERS, params: IdParams, body: UpdateSessionRequest },
  async ({ auth, params, body }) => {
    const session = await services.sessions.update(auth, params.id, body);
    // A larger capacity moves the waitlist into the new seats.
    if (body.capacity !== undefined) await family.registrations.fillFreeSeats(session);
    return session;
  },
);
