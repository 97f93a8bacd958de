import { route } from '#app';
import { services } from '#app/federations';

export const handler = route({ name: 'listFederations', access: 'authenticated' }, ({ auth }) => services.federations.listForUser(auth));
