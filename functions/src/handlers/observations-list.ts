import { ListObservationsQuery } from '@lianyan/shared';
import { route } from '#app';
import { services } from '#app/observations';

export const handler = route({ name: 'listObservations', access: 'authenticated', query: ListObservationsQuery }, ({ auth, query }) => services.observations.list(auth, query));
