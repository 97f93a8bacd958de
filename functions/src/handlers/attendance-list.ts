import { IdParams, RosterQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/sessions';
import { SESSION_ORGANISERS } from '#lib/access';
import { FileReply } from '#lib/http';

export const handler = route(
  { name: 'getAttendance', access: SESSION_ORGANISERS, params: IdParams, query: RosterQuery },
  async ({ auth, params, query }) => {
    if (query.format === 'csv' || query.format === 'xlsx') {
      const file = await services.roster.export(auth, params.id, query.format);
      return FileReply.of(file);
    }
    return services.roster.roster(auth, params.id, {
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
      includeMissing: query.include === 'missing',
    });
  },
);
