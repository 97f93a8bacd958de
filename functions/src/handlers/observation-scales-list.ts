import { IdParams } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/observations';

export const handler = route({ name: 'listObservationScales', access: 'authenticated', params: IdParams }, ({ auth, params }) => services.observations.listScales(auth, params.id));
