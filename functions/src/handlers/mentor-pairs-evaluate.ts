import { IdParams, MentorEvaluationRequest } from '@lianyan/shared';
import { Reply } from '#lib/http';
import { route } from '#app';
import { services } from '#app/mentor-pairs';

/** 201 once a school year; a second evaluation is 409 ALREADY_EVALUATED. */
export const handler = route(
  { name: 'evaluateMentorPair', access: ['schoolAdmin', 'federationAdmin', 'districtAdmin'], params: IdParams, body: MentorEvaluationRequest },
  async ({ auth, params, body }) => new Reply(201, await services.mentorPairs.evaluate(auth, params.id, body)),
);
