import { route, services } from '#app';

export const handler = route({ name: 'listMySessions', access: 'authenticated' }, ({ auth }) => services.sessions.mine(auth));
