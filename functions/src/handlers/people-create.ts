import { CreatePersonRequest, IdParams } from '@lianyan/shared';
import { Reply } from '#lib/http';
import { route } from '#app';
import { services } from '#app/people';

// 201 for a new person; 200 when the phone is a person of another school, who now teaches here too.
export const handler = route(
  { name: 'createPerson', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, body: CreatePersonRequest },
  async ({ auth, params, body }) => {
    const { person, created } = await services.people.create(auth, params.id, body);
    return new Reply(created ? 201 : 200, person);
  },
);
