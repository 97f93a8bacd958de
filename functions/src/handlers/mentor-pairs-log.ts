import { CreateMentorLogRequest, IdParams } from '@lianyan/shared';
import { Reply, requestOrigin } from '#lib/http';
import { route } from '#app';
import { services } from '#app/mentor-pairs';

/** 201 with the new log; the same log sent again answers 200 with the one already kept. */
export const handler = route(
  { name: 'createMentorLog', access: ['teacher'], params: IdParams, body: CreateMentorLogRequest },
  async ({ auth, params, body, event }) => {
    const { log, created } = await services.mentorPairs.addLog(auth, params.id, body, requestOrigin(event));
    return new Reply(created ? 201 : 200, log);
  },
);
