import { IdParams, ReflectionSettingsRequest } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/records';
import { MANAGERS } from '#lib/access';

export const handler = route(
  { name: 'requestReflections', access: MANAGERS, params: IdParams, body: ReflectionSettingsRequest },
  ({ auth, params, body }) => services.records.requestReflections(auth, params.id, body),
);
