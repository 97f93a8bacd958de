import { route } from '#app';
import { services } from '#app/auth';

export const handler = route({ name: 'devAccounts', access: 'public' }, () => services.auth.listDevAccounts());
