import { route } from '#app';
import { services } from '#app/auth';

export const handler = route({ name: 'me', access: 'authenticated' }, ({ auth }) => services.auth.me(auth));
