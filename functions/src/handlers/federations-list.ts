import { route, services } from '#app';

export const handler = route({ name: 'listFederations', access: 'authenticated' }, ({ auth }) => services.federations.listForUser(auth));
