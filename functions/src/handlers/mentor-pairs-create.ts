import { CreateMentorPairRequest, IdParams } from '@lianyan/shared';
import { Reply } from '#lib/http';
import { route } from '#app';
import { services } from '#app/mentor-pairs';

/** 201 for a new pair; 200 with the pair already registered when the same pair is sent again. */
export const handler = route(
  { name: 'createMentorPair', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, body: CreateMentorPairRequest },
  async ({ auth, params, body }) => {
    const { pair, created } = await services.mentorPairs.create(auth, params.id, body);
    return new Reply(created ? 201 : 200, pair);
  },
);
