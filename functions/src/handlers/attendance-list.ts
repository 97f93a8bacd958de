import { IdParams, RosterQuery } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/sessions';
import { SESSION_ORGANISERS } from '#lib/access';
import { FileReply } from '#lib/http';

export const handler = route(
  { name: 'getAttendance', access: SESSION_ORGANISERS, params: IdParams, query: RosterQuery },
  async ({ auth, params, query }) => {
    if (query.format === 'csv' || query.format === 'xlsx') {
      const file = await services.roster.export(auth, params.id, query.format);
      await accessTrail.record(auth, 'attendance_export', { sessionId: params.id }, query.format);
      return FileReply.of(file);
    }
    const roster = await services.roster.roster(auth, params.id, {
      ...(query.cursor ? { cursor: query.cursor } : {}),
      ...(query.limit ? { limit: query.limit } : {}),
      includeMissing: query.include === 'missing',
      summaryOnly: query.summary === 'only',
    });
    await accessTrail.record(auth, 'attendance_view', { sessionId: params.id });
    return roster;
  },
);
