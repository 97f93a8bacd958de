import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/groups';

export const handler = route({ name: 'getGroup', access: 'authenticated', params: IdParams }, ({ auth, params }) => services.groups.get(auth, params.id));
