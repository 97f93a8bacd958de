import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { accessTrail } from '#app/access-trail';
import { services } from '#app/family';
import { MANAGERS } from '#lib/access';

export const handler = route({ name: 'listRegistrations', access: MANAGERS, params: IdParams }, async ({ auth, params }) => {
  const roster = await services.registrations.roster(auth, params.id);
  await accessTrail.record(auth, 'registrations_view', { sessionId: params.id });
  return roster;
});
