import { CreateSessionRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/session-service';
import { SESSION_ORGANISERS } from '#lib/access';
import { created } from '#lib/http';

export const handler = route({ name: 'createSession', access: SESSION_ORGANISERS, body: CreateSessionRequest }, async ({ auth, body }) =>
  created(await services.sessions.create(auth, body)),
);
