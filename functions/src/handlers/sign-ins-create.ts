import { IdParams, SignInRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/sessions';
import { ATTENDEES } from '#lib/access';
import { Reply } from '#lib/http';

export const handler = route(
  { name: 'signIn', access: ATTENDEES, params: IdParams, body: SignInRequest },
  async ({ auth, params, body }) => {
    const result = await services.signIn.signIn(auth, params.id, body);
    return new Reply(result.created ? 201 : 200, result.body);
  },
);
