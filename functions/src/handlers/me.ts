import { route, services } from '#app';

export const handler = route({ name: 'me', access: 'authenticated' }, ({ auth }) => services.auth.me(auth));
